"""Scale benchmark: pages and admin screens over a 20,000-product catalogue.

Builds a throwaway database (SQLite file by default, or BENCH_DATABASE_URL),
loads the demo plus N synthetic products, then prints for each page: the
status, the number of queries and the median render time over a few runs.

    python bench/scale.py [--products 20000] [--runs 5]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/maison_bench python bench/scale.py
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fashion.settings")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DEBUG"] = "false"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["STATIC_MANIFEST"] = "false"
    os.environ["PAGE_CACHE"] = "false"  # measure building pages, not fetching them from the cache
    os.environ["ALLOWED_HOSTS"] = "testserver"

    import django

    django.setup()


def build_catalogue(products):
    """Migrate the throwaway database (emptied first on PostgreSQL) and load the demo with `products` synthetic
    products; returns the seconds the load took."""
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    if "BENCH_DATABASE_URL" in os.environ:
        call_command("flush", "--no-input", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", synthetic=products, stdout=io.StringIO(), stderr=io.StringIO())
    return time.perf_counter() - started


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
    # The first run pays for what is kept per content version (the catalogue's facet counts).
    return response.status_code, len(captured), timings[0], statistics.median(timings[1:] or timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from campaigns.models import Campaign
        from products.models import Product, Variant

        load_seconds = build_catalogue(args.products)
        print(
            f"load_demo --synthetic {args.products}: {load_seconds:.1f} s "
            f"({Product.objects.count():,} products, {Variant.objects.count():,} variants)"
        )

        product = Product.objects.get(slug="bel-air")
        synthetic = Product.objects.filter(slug__startswith="synthetic-").order_by("pk").last()
        campaign = Campaign.objects.get(slug="kim-kardashian-bel-air")
        pages = [
            "/",
            "/products/",
            "/products/?colorway=black&size=medium&sort=price",
            "/products/?q=synthetic+bag&page=300",
            "/products/bel-air/",
            f"/products/{synthetic.slug}/",
            "/collections/balenciaga-fall-2024/",
            "/campaigns/",
            "/campaigns/kim-kardashian-bel-air/",
            "/campaigns/series/characters/",
            "/ambassadors/",
            "/ambassadors/kim-kardashian/",
            "/search/?q=bel+air",
            "/search/?q=synthetic+bag+19",
            "/search/?q=kardashain",
            "/campaigns/feed/",
            "/sitemap.xml",
            "/sitemap-products.xml",
        ]
        admin_pages = [
            "/admin/products/product/",
            "/admin/products/product/?q=synthetic&visibility=live",
            f"/admin/products/product/{product.pk}/change/",
            f"/admin/products/product/{synthetic.pk}/change/",
            "/admin/products/product/add/",
            "/admin/products/variant/",
            f"/admin/products/variant/{Variant.objects.filter(product=synthetic).first().pk}/change/",
            "/admin/campaigns/campaign/",
            f"/admin/campaigns/campaign/{campaign.pk}/change/",
            "/admin/campaigns/ambassador/",
            "/admin/autocomplete/?app_label=campaigns&model_name=campaignproduct&field_name=product&term=bag+19",
        ]
        visitor = Client()
        editor = Client()
        user = get_user_model().objects.create_superuser("bench", password="bench-password-not-used")
        editor.force_login(user)

        print(f"\n{'page':<72} {'status':>6} {'queries':>8} {'first ms':>9} {'median ms':>10}")
        for client, urls in ((visitor, pages), (editor, admin_pages)):
            for url in urls:
                status, queries, first, ms = measure(client, url, args.runs)
                print(f"{url[:72]:<72} {status:>6} {queries:>8} {first:>9.1f} {ms:>10.1f}")


if __name__ == "__main__":
    main()
