"""Lighthouse scores for the visitors' page types, with Debian's Chromium.

Builds a throwaway site with the demo content under production settings
(DEBUG off, hashed and compressed static files), serves it with gunicorn on
loopback, runs Lighthouse 12.2.3 (pinned in bench/lighthouse/package.json;
installed with `npm ci` on first use) with its default mobile profile and
simulated throttling, and prints the four category scores per page next to the
target of issue 5 (≥ 95 everywhere). Exit status 1 when a score is under it.

    python bench/lighthouse.py [--page NAME ...]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import Gunicorn, build_site, site_environment

HERE = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
)
PAGES = {
    "home": "/",
    "catalogue": "/products/",
    "product": "/products/bel-air/",
    "campaign": "/campaigns/kim-kardashian-bel-air/",
    "ambassador": "/ambassadors/kim-kardashian/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def lighthouse_binary():
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    return binary


def audit(binary, url):
    """{category: score 0-100} and the failing audits' titles for one URL."""
    output = subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=os.environ | {"CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = json.loads(output)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = sorted(
        audit["title"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
    )
    return scores, failing


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages (repeatable)")
    args = parser.parse_args()
    if not shutil.which("node"):
        raise SystemExit("Node.js is missing: apt-get install -y nodejs npm")
    binary = lighthouse_binary()
    pages = {name: PAGES[name] for name in args.page} if args.page else PAGES
    with tempfile.TemporaryDirectory() as workdir:
        env = site_environment(Path(workdir), "")
        build_site(env, 0)
        server = Gunicorn(env, workers=2)
        try:
            print(f"Lighthouse 12.2.3, mobile, simulated throttling; target ≥ {TARGET} in every category")
            print(f"{'page':12} " + " ".join(f"{name:>15}" for name in CATEGORIES))
            worst = 100
            for name, path in pages.items():
                # localhost, not 127.0.0.1: Lighthouse counts localhost as a secure origin.
                scores, failing = audit(binary, f"http://localhost:{server.port}{path}")
                worst = min(worst, *scores.values())
                print(f"{name:12} " + " ".join(f"{scores[category]:>15}" for category in CATEGORIES))
                for title in failing:
                    print(f"{'':12}   failing audit: {title}")
        finally:
            server.stop()
    print(f"lowest score {worst}: {'met' if worst >= TARGET else 'NOT met'}")
    sys.exit(0 if worst >= TARGET else 1)


if __name__ == "__main__":
    main()
