"""The README's commands work as printed after `make demo`, and `make demo` leaves a usable `.env`."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def python_commands():
    """Every Python command line the README prints (code blocks and `inline` cells), without comments."""
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    lines += re.findall(r"`([^`\n]+)`", README)
    return [line for line in lines if re.match(r"\S*python3?\s+(manage\.py|bench/)", line)]


def readme_commands(program):
    return [line for line in python_commands() if program in line.split()]


def test_every_python_command_in_the_readme_uses_the_venvs_python():
    commands = python_commands()
    assert len(commands) >= 12
    assert [command for command in commands if not command.startswith(".venv/bin/python ")] == []


@pytest.mark.django_db
def test_the_readmes_export_examples_run_as_printed(tmp_path, monkeypatch, capsysbinary):
    call_command("load_demo")
    monkeypatch.chdir(tmp_path)
    examples = [line for line in readme_commands("manage.py") if " export " in f" {line} " and "DATASET" not in line]
    assert len(examples) >= 2
    for line in examples:
        words = shlex.split(line.replace("…", ""))
        target = None
        if ">" in words:
            target = words[words.index(">") + 1]
            words = words[: words.index(">")]
        call_command(*words[2:])
        if target:
            (tmp_path / target).write_bytes(capsysbinary.readouterr().out)
        assert (tmp_path / (target or words[words.index("--output") + 1])).stat().st_size > 0, line


def test_the_readme_says_how_to_choose_the_demo_port():
    assert "make demo PORT=8001" in README


@needs_make
def test_make_demo_serves_on_the_port_asked_for():
    dry_run = subprocess.run(
        [MAKE, "-n", "demo", "PORT=8001"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "runserver 127.0.0.1:8001" in dry_run
    assert (
        "runserver 127.0.0.1:8000"
        in subprocess.run([MAKE, "-n", "demo"], cwd=ROOT, capture_output=True, text=True).stdout
    )


@needs_make
def test_make_demo_writes_a_dotenv_once_with_debug_and_a_fresh_secret_key(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")

    def make_env():
        subprocess.run([MAKE, ".env", f"PYTHON={sys.executable}"], cwd=tmp_path, check=True, capture_output=True)
        return (tmp_path / ".env").read_text()

    first = make_env()
    assert "DEBUG=true" in first.splitlines()
    key = re.search(r"^SECRET_KEY=(\S+)$", first, flags=re.M).group(1)
    assert len(key) >= 50 and "insecure" not in key
    assert (tmp_path / ".env").stat().st_mode & 0o077 == 0  # a secret: readable by its owner only
    assert make_env() == first  # an existing .env is never overwritten

    (tmp_path / ".env").unlink()
    assert make_env() != first  # a fresh key for a fresh clone


@needs_make
def test_make_demo_creates_the_dotenv_before_anything_reads_settings():
    dry_run = subprocess.run([MAKE, "-n", "-B", "demo"], cwd=ROOT, capture_output=True, text=True).stdout
    assert dry_run.index("SECRET_KEY") < dry_run.index("manage.py migrate")


def test_the_dotenv_is_ignored_by_git():
    assert "/.env" in (ROOT / ".gitignore").read_text().splitlines()
