"""Traffic benchmark: a visitor mix under gunicorn while an editor saves and a launch goes live.

Builds a throwaway site (the demo and 2,000 synthetic products, SQLite), starts gunicorn (2 workers), visits every
URL once, then runs wrk with a Lua script that sends half the requests to ~30 hot pages and half over the long tail
(every catalogue page, every product page, every ambassador), in three phases:

- steady: nothing edited;
- edits: an editor saves a live product (its description, in the admin's way: a full save) every second; after
  each save the product's page is fetched and must show the edit (a "stale" otherwise);
- launch: 20 products scheduled to go live mid-run; one of their pages is polled every 50 ms and must answer 404
  before the moment and 200 from its second ("early", "late").

Each phase is reported as requests/s, p50, p99 and errors, and as a ratio to /robots.txt on the same server in the
same run, for the default cache (files shared by the workers) and for Redis (CACHE_URL).

    python bench/traffic.py [--products 2000] [--duration 15] [--connections 16] [--workers 2] [--cache both|file|redis]

Needs wrk (apt-get install -y wrk) and, for the Redis rows, Redis on 127.0.0.1:6379.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from load import PYTHON, ROOT, Gunicorn, build_site, site_environment, wrk

TARGETS = {"steady": 0.80, "edits": 0.50, "launch": 0.50}
P99_TARGET_MS = 60

LUA = """
local hot = {HOT}
local tail = {TAIL}
request = function()
  local list = (math.random() < 0.5) and hot or tail
  return wrk.format("GET", list[math.random(#list)])
end
"""


def django(env, *args):
    """Run bench/traffic_site.py in the site's environment; its JSON answer."""
    command = [PYTHON, str(ROOT / "bench" / "traffic_site.py"), *args]
    return json.loads(subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def warm(base, urls):
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda path: fetch(base + path), urls))


def editor(env, base, duration, results):
    """The editor's session (bench/traffic_site.py editor): a save a second, each checked on the page."""
    results |= django(env, "editor", base, str(duration))


def watcher(base, path, moment, duration, results):
    """Poll a launched page: 404 before its moment, 200 from its second."""
    ends = time.monotonic() + duration
    while time.monotonic() < ends:
        status, _ = fetch(base + path)
        now = time.time()
        if status == 200 and now < moment:
            results["early"] += 1
        if status == 200 and results["live_after"] is None:
            results["live_after"] = now - moment
        time.sleep(0.05)


def run(env, label, args, urls, launched):
    server = Gunicorn(env, args.workers)
    rows = {}
    try:
        warm(server.base, urls["all"])
        lua = Path(tempfile.mkdtemp()) / "mix.lua"
        quoted = lambda paths: ", ".join(json.dumps(p) for p in paths)  # noqa: E731
        lua.write_text(
            LUA.replace("{HOT}", "{" + quoted(urls["hot"]) + "}").replace("{TAIL}", "{" + quoted(urls["tail"]) + "}")
        )
        mix = ["-s", str(lua)]
        rows["trivial"] = wrk(server.base + "/robots.txt", args.duration, args.connections)
        rows["steady"] = wrk(server.base + "/", args.duration, args.connections, mix)
        edits = {"saves": 0, "stale": 0}
        thread = threading.Thread(target=editor, args=(env, server.base, args.duration, edits))
        thread.start()
        rows["edits"] = wrk(server.base + "/", args.duration, args.connections, mix)
        thread.join()
        rows["edits"] |= edits
        moment = django(env, "schedule", str(args.duration / 2 + 5))
        warm(server.base, urls["hot"])
        launch = {"early": 0, "live_after": None}
        thread = threading.Thread(target=watcher, args=(server.base, launched[0], moment, args.duration + 5, launch))
        thread.start()
        rows["launch"] = wrk(server.base + "/", args.duration + 5, args.connections, mix)
        thread.join()
        rows["launch"] |= launch
    finally:
        server.stop()
    report(label, rows)


def report(label, rows):
    trivial = rows["trivial"]["rps"]
    print(f"\n{label}")
    print(f"{'phase':8} {'req/s':>8} {'ratio':>6} {'target':>7} {'p50':>9} {'p99':>9} {'errors':>7}  checks")
    for phase in ("trivial", "steady", "edits", "launch"):
        row = rows[phase]
        ratio = row["rps"] / trivial
        target = f"≥{TARGETS[phase]:.2f}" if phase in TARGETS else ""
        checks = ""
        if phase == "edits":
            checks = f"{row['saves']} saves, {row['stale']} stale"
        if phase == "launch":
            late = row["live_after"]
            checks = f"early {row['early']}, live {late:+.2f} s after its moment" if late is not None else "never live"
        print(
            f"{phase:8} {row['rps']:8.0f} {ratio:6.2f} {target:>7} {row['p50']:>9} {row['p99']:>9} "
            f"{row['errors']:7d}  {checks}"
        )
    print(f"targets: ratios as above, p99 ≤ {P99_TARGET_MS} ms steady, 0 errors, 0 stale, never early, live within 1 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", choices=("both", "file", "redis"), default="both", help="which set-ups to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        env = site_environment(workdir, "") | {"CACHE_URL": f"filecache://{workdir}/cache"}
        build_site(env, args.products)
        launched = django(env, "hold")
        found = django(env, "urls")
        article = ["/products/bel-air/", "/products/bel-air-hobo/", "/products/rodeo/"]
        hot = [
            "/",
            "/products/",
            "/products/?colorway=black",
            "/products/?sort=price",
            "/products/?size=medium",
            "/products/?colorway=black&size=medium&sort=price",
            "/campaigns/",
            "/ambassadors/",
            *article,
            *found["ambassadors"][:6],
            *found["catalogue"][:3],
            *found["products"][:12],
        ]
        tail = found["catalogue"] + found["products"][:1500] + found["ambassadors"]
        urls = {"hot": hot, "tail": tail, "all": list(dict.fromkeys(hot + tail))}
        print(f"{len(hot)} hot URLs, {len(tail)} in the long tail; {len(launched)} products held back for the launch")
        setups = {
            "file": ("default cache (files under CACHE_DIR, shared by the workers)", {}),
            "redis": ("CACHE_URL=redis://127.0.0.1:6379/14", {"CACHE_URL": "redis://127.0.0.1:6379/14"}),
        }
        for number, name in enumerate(("file", "redis") if args.cache == "both" else (args.cache,)):
            label, extra = setups[name]
            if number:  # the held products are drafts again for the second launch
                django(env | extra, "hold")
            run(env | extra, label, args, urls, launched)


if __name__ == "__main__":
    sys.exit(main())
