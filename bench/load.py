"""Load benchmark: gunicorn on loopback, wrk as the load, pages next to a trivial view.

Builds a throwaway site (SQLite file by default, or --database-url), with the
demo and N synthetic products so the catalogue shows full 24-card pages, under
production settings (DEBUG off, hashed static files). Then, once with the page
cache off and once with it on, runs wrk against each page and against
/robots.txt (a trivial view on the same server, through the same middleware),
and prints requests/s, p50/p99 latency, errors, and each page's ratio to the
trivial view next to the targets of issue 5.

    python bench/load.py [--products 1000] [--duration 10] [--connections 8] [--workers 2]

Needs wrk (apt-get install -y wrk).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGES = {
    "robots.txt (trivial)": "/robots.txt",
    "home": "/",
    "catalogue": "/products/",
    "filtered catalogue": "/products/?colorway=black&size=medium&sort=price",
    "product": "/products/bel-air/",
}
# Catalogue throughput as a share of the trivial view's. "cold" has no target: it shows what
# the per-version data cache (facet counts) saves on top of "uncached" (page cache off).
TARGETS = {"cold": None, "uncached": 0.10, "cached": 0.80}
MODES = {
    "cold": {"PAGE_CACHE": "false", "PAGE_CACHE_SECONDS": "0"},  # nothing cached at all
    "uncached": {"PAGE_CACHE": "false"},  # pages built on every request
    "cached": {"PAGE_CACHE": "true"},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(workdir, database_url):
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "fashion.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url or f"sqlite:///{workdir}/bench.sqlite3",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def build_site(env, products):
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo", "--synthetic", str(products))
    manage(env, "collectstatic", "--no-input", "-v0")


class Gunicorn:
    def __init__(self, env, workers):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [PYTHON, "-m", "gunicorn", "fashion.wsgi", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(workers), "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url, duration, connections, extra=()):
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": re.search(r"\s50%\s+(\S+)", output).group(1),
        "p99": re.search(r"\s99%\s+(\S+)", output).group(1),
        "errors": errors,
    }


def run(env, mode, args):
    server = Gunicorn(env | MODES[mode], args.workers)
    try:
        rows = {}
        for name, path in PAGES.items():
            for _ in range(20):  # warm up: connections, the page cache in every worker
                urllib.request.urlopen(server.base + path).read()
            rows[name] = wrk(server.base + path, args.duration, args.connections)
        return rows
    finally:
        server.stop()


def report(mode, rows):
    trivial = rows["robots.txt (trivial)"]["rps"]
    print(f"\n{mode}: {' '.join(f'{name}={value}' for name, value in MODES[mode].items())}")
    print(f"{'page':24} {'req/s':>9} {'p50':>9} {'p99':>9} {'errors':>7} {'vs trivial':>11}")
    for name, row in rows.items():
        ratio = row["rps"] / trivial
        print(f"{name:24} {row['rps']:9.0f} {row['p50']:>9} {row['p99']:>9} {row['errors']:7d} {ratio:10.0%}")
    catalogue = rows["catalogue"]["rps"] / trivial
    errors = sum(row["errors"] for row in rows.values())
    if TARGETS[mode] is None:
        print(f"no target: catalogue at {catalogue:.0%} of the trivial view, {errors} errors")
        return errors == 0
    verdict = "met" if catalogue >= TARGETS[mode] and errors == 0 else "NOT met"
    print(
        f"target: catalogue ≥ {TARGETS[mode]:.0%} of the trivial view, 0 errors"
        f" → {catalogue:.0%}, {errors} errors: {verdict}"
    )
    return verdict == "met"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=1000, help="synthetic products on top of the demo")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (one per core)")
    parser.add_argument("--database-url", default="", help="default: a throwaway SQLite file")
    parser.add_argument("--mode", action="append", choices=sorted(MODES), help="only these runs (repeatable)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory() as workdir:
        env = site_environment(Path(workdir), args.database_url)
        print(f"Building the site: demo + {args.products} synthetic products ...", flush=True)
        build_site(env, args.products)
        print(
            f"wrk: 1 thread, {args.connections} connections, {args.duration} s per page;"
            f" gunicorn: {args.workers} workers"
        )
        results = [report(mode, run(env, mode, args)) for mode in args.mode or MODES]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
