"""Instructions per request: a page's cost that does not move with the machine's load.

Timings on a shared machine vary by ±10 % between runs, too much to judge a change
of a few percent. valgrind's callgrind counts the CPU instructions a process runs,
the same run after run. This builds the same throwaway site as bench/load.py,
then for each page runs Django's WSGI handler in-process under callgrind twice,
after a warm-up of 10 requests and after 10 + N, and prints the difference per
request (start-up cancels out), next to /robots.txt.

    python bench/instructions.py [--requests 40] [--path /products/ ...]

Needs valgrind (apt-get install -y valgrind). About a minute per page.
"""

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from load import ROOT, build_site, site_environment

PATHS = ["/robots.txt", "/", "/products/", "/products/?colorway=black&size=medium&sort=price", "/products/bel-air/"]
WARM_UP = 10


def drive(path, requests):
    """Serve `path` WARM_UP + `requests` times through the WSGI handler, in this process."""
    sys.path.insert(0, str(ROOT))
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    route, _, query = path.partition("?")
    for _ in range(WARM_UP + requests):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status = []
        response = application(environ, lambda code, headers, status=status: status.append(code))
        b"".join(response)
        response.close()
        if not status[0].startswith("200"):
            raise SystemExit(f"{path} answered {status[0]}")


def count(env, path, requests):
    """Instructions callgrind collected for one driver run."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, __file__, "--drive", path, "--requests", str(requests)]
    output = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stderr
    return int(re.search(r"Collected : (\d+)", output).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="measured requests per page")
    parser.add_argument("--products", type=int, default=1000, help="synthetic products on top of the demo")
    parser.add_argument("--path", action="append", help="pages to measure (repeatable; default: five pages)")
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        return drive(args.drive, args.requests)
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is missing: apt-get install -y valgrind")
    with tempfile.TemporaryDirectory() as workdir:
        env = site_environment(Path(workdir), "") | {"PAGE_CACHE": "false", "PYTHONHASHSEED": "0"}
        print(f"Building the site: demo + {args.products} synthetic products ...", flush=True)
        build_site(env, args.products)
        print(f"{'page':52} {'instructions/request':>21} {'vs robots.txt':>14}")
        trivial = None
        for path in ["/robots.txt", *(path for path in args.path or PATHS if path != "/robots.txt")]:
            per_request = (count(env, path, args.requests) - count(env, path, 0)) / args.requests
            trivial = trivial or per_request
            print(f"{path:52} {per_request / 1e6:19.2f} M {per_request / trivial:13.1f}×", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fashion.settings")
    main()
