"""The site side of bench/traffic.py, run in the site's environment as the editor would: the real save path.

python bench/traffic_site.py urls | hold | schedule SECONDS | edit SLUG TEXT
"""

import datetime
import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.utils import timezone  # noqa: E402

from campaigns.models import Ambassador  # noqa: E402
from core.cache_tags import invalidate_all  # noqa: E402
from core.publishing import Status  # noqa: E402
from products.models import Product  # noqa: E402

LAUNCHED = 20
CARDS_PER_PAGE = 24


def urls():
    slugs = list(Product.objects.published().order_by("pk").values_list("slug", flat=True))
    pages = -(-len(slugs) // CARDS_PER_PAGE)
    return {
        "products": [f"/products/{slug}/" for slug in slugs],
        "catalogue": [f"/products/?page={n}" for n in range(1, pages + 1)],
        "ambassadors": [person.get_absolute_url() for person in Ambassador.objects.published()],
    }


def hold():
    """The products the launch will publish, made drafts (a set-based write, as a bulk action does)."""
    synthetic = Product.objects.filter(slug__startswith="synthetic").order_by("-pk")
    ids = list(synthetic.values_list("pk", flat=True)[:LAUNCHED])
    Product.objects.filter(pk__in=ids).update(status=Status.DRAFT)
    invalidate_all()
    return [product.get_absolute_url() for product in Product.objects.filter(pk__in=ids)]


def schedule(seconds):
    """Schedule the held products to go live together in `seconds`, saving each as the admin does."""
    moment = timezone.now() + datetime.timedelta(seconds=float(seconds))
    for product in Product.objects.filter(status=Status.DRAFT, slug__startswith="synthetic"):
        product.status, product.publish_at = Status.PUBLISHED, moment
        product.save()
    return moment.timestamp()


def editor(base, seconds, slug="bel-air"):
    """Save a live product every second for `seconds`, as the admin does (the whole row); after each save its page
    must show the edit. One process for the whole phase, as an editor's session is."""
    saves = stale = 0
    ends = time.monotonic() + float(seconds)
    while time.monotonic() < ends:
        started = time.monotonic()
        product = Product.objects.get(slug=slug)
        product.description = f"Edited for the benchmark, take {saves + 1} at {time.time()}."
        product.save()
        saves += 1
        with urllib.request.urlopen(f"{base}/products/{slug}/", timeout=10) as response:
            stale += product.description not in response.read().decode()
        time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    return {"saves": saves, "stale": stale}


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    print(json.dumps({"urls": urls, "hold": hold, "schedule": schedule, "editor": editor}[command](*arguments)))
