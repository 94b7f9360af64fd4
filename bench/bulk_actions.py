"""Bulk actions on a large selection: "select all" of N products, unpublished then published, through the admin.

Each must finish well inside gunicorn's 30 s timeout, all or nothing; delete above the limit is refused at once.

    python bench/bulk_actions.py [--products 18000]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/maison_bench python bench/bulk_actions.py
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The same throwaway database set-up as the scale benchmark.
from scale import build_catalogue, configure


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=18_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from products.models import Product

        build_catalogue(args.products)
        editor = Client()
        editor.force_login(get_user_model().objects.create_superuser("bench", password="bench-password-not-used"))
        total = Product.objects.count()
        print(f"{total:,} products selected with 'select all'")
        from core.admin_safety import BULK_LIMIT

        ids = list(Product.objects.order_by("-pk").values_list("pk", flat=True)[:BULK_LIMIT])
        chosen = {"action": "delete_selected", "_selected_action": ids}
        started = time.perf_counter()
        editor.post("/admin/products/product/", chosen)
        asked = time.perf_counter() - started
        editor.post("/admin/products/product/", {**chosen, "post": "yes"})
        deleted = time.perf_counter() - started - asked
        left = Product.objects.filter(pk__in=ids).count()
        print(f"delete {BULK_LIMIT} (the limit): confirmation page {asked:.2f} s, delete {deleted:.2f} s, {left} left")
        total = Product.objects.count()
        for action, expect in (("unpublish", "draft"), ("publish", "published"), ("delete_selected", None)):
            data = {"action": action, "select_across": "1", "index": "0", "_selected_action": ["1"]}
            started = time.perf_counter()
            response = editor.post("/admin/products/product/", data, follow=True)
            seconds = time.perf_counter() - started
            if expect:
                changed = Product.objects.filter(status=expect).count()
                print(f"{action:<16} {seconds:6.2f} s  {changed:,} of {total:,} now {expect}")
            else:
                refused = "Nothing was changed" in response.content.decode()
                print(f"{action:<16} {seconds:6.2f} s  refused whole: {refused}; {Product.objects.count():,} remain")


if __name__ == "__main__":
    main()
