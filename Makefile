# Two commands for a fresh machine (README): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Local runs are plain HTTP with DEBUG on; production gets its settings from the environment.
LOCAL := DEBUG=true
# make demo PORT=8001 when 8000 is taken.
PORT ?= 8000

.PHONY: demo test install install-dev chromium lint bench-scale bench-load bench-traffic bench-instructions bench-lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## .env: DEBUG on and a fresh SECRET_KEY, so the README's manage.py commands work as printed after
## make demo. Written once (an existing .env is the owner's and never touched), readable by its owner only.
.env:
	@umask 077 && $(PYTHON) -c 'import secrets; print("DEBUG=true"); print("SECRET_KEY=" + secrets.token_urlsafe(50))' > $@.tmp
	@mv $@.tmp $@
	@echo "Wrote .env (DEBUG=true and a new SECRET_KEY) for local runs."

## demo: install, migrate, load the demo content, print an admin login, serve http://127.0.0.1:$(PORT)
demo: install .env
	$(LOCAL) $(BIN)/python manage.py migrate --no-input
	$(LOCAL) $(BIN)/python manage.py load_demo
	@$(LOCAL) $(BIN)/python manage.py create_local_admin --port $(PORT)
	$(LOCAL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## chromium: the browser the Playwright tests drive (Debian's package)
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium first: sudo apt-get install -y chromium" >&2; exit 1; fi; }

## test: the whole suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: install-dev chromium
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench-scale: page and admin timings and queries with 20,000 synthetic products
bench-scale: install
	$(BIN)/python bench/scale.py

## bench-traffic: a visitor mix while an editor saves and a launch goes live, file cache and Redis
bench-traffic: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/traffic.py

## bench-load: requests/s and latency with gunicorn and wrk, next to a trivial view
bench-load: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/load.py

## bench-instructions: CPU instructions per request under valgrind, steady whatever the machine's load
bench-instructions: install
	@command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
	$(BIN)/python bench/instructions.py

## bench-lighthouse: Lighthouse scores of five page types (Node.js and Chromium needed)
bench-lighthouse: install chromium
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
