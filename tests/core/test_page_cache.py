"""The page cache: fast for visitors, never stale after an edit, never late for a schedule, never for editors."""

import datetime
import os
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache_tags import ALL, item_tag, list_tag
from core.near_cache import NearCache
from core.page_cache import expiry
from core.publishing import Status
from products.models import Product
from tests.factories import (
    CampaignFactory,
    ProductFactory,
    admin_change_form,
    full_product,
)

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_or_skip():
    """Redis is part of the production path: CI (MAISON_REQUIRE_REDIS=1) fails without it, a laptop skips."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("MAISON_REQUIRE_REDIS"):
            raise
        pytest.skip("no Redis at 127.0.0.1:6379")


@pytest.fixture(params=["locmem", "file", "redis"], autouse=True)
def cache_backend(request, settings, tmp_path):
    """Every test here runs on a local-memory cache (one worker's), the file cache (the default: one machine's
    workers share it) and Redis (several machines)."""
    if request.param == "redis":
        redis_or_skip()
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
    elif request.param == "file":
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
        }
    cache.clear()
    yield request.param
    cache.clear()


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_a_second_visit_is_served_from_the_cache_with_one_query(client):
    full_product(name="Bel Air")
    first, _ = get(client, "/products/")
    second, queries = get(client, "/products/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert queries == 1  # the content version; nothing else


def test_a_cached_page_still_answers_a_revalidation_with_304(client):
    full_product()
    etag = get(client, "/products/")[0]["ETag"]
    response, _ = get(client, "/products/", if_none_match=etag)
    assert response.status_code == 304


def test_an_edit_in_the_admin_shows_at_once(client, admin_client):
    product = full_product(name="Bel Air")
    assert "Bel Air" in get(client, product.get_absolute_url())[0].content.decode()
    assert "Bel Air" in get(client, "/products/")[0].content.decode()
    response = admin_client.post(
        f"/admin/products/product/{product.pk}/change/", admin_change_form(product, name="Bel Air Hobo")
    )
    assert response.status_code == 302
    for url in (product.get_absolute_url(), "/products/", "/"):
        page, _ = get(client, url)
        assert page["X-Page-Cache"] == "miss"
        assert "Bel Air Hobo" in page.content.decode(), url


def test_publish_and_unpublish_actions_show_at_once(client, admin_client):
    product = full_product(name="Rodeo", status=Status.DRAFT)
    assert get(client, product.get_absolute_url())[0].status_code == 404
    assert "Rodeo" not in get(client, "/products/")[0].content.decode()
    admin_client.post("/admin/products/product/", {"action": "publish", "_selected_action": [product.pk]})
    assert get(client, product.get_absolute_url())[0].status_code == 200
    assert "Rodeo" in get(client, "/products/")[0].content.decode()
    admin_client.post("/admin/products/product/", {"action": "unpublish", "_selected_action": [product.pk]})
    assert get(client, product.get_absolute_url())[0].status_code == 404
    assert "Rodeo" not in get(client, "/products/")[0].content.decode()


def test_a_change_to_a_related_list_shows_at_once(client):
    campaign = CampaignFactory(title="Characters")
    product = full_product(name="Bel Air")
    assert "Characters" not in get(client, product.get_absolute_url())[0].content.decode()
    campaign.products.add(product)
    assert "Characters" in get(client, product.get_absolute_url())[0].content.decode()


def test_a_scheduled_publish_and_unpublish_are_never_served_late(client):
    now = timezone.now()
    coming = full_product(name="Coming bag", publish_at=now + datetime.timedelta(seconds=2))
    going = full_product(name="Going bag", unpublish_at=now + datetime.timedelta(seconds=2))
    page = get(client, "/products/")[0].content.decode()
    assert "Going bag" in page and "Coming bag" not in page
    assert get(client, "/products/")[0]["X-Page-Cache"] == "hit"
    time.sleep(max(0, (coming.publish_at - timezone.now()).total_seconds()) + 0.05)
    page = get(client, "/products/")[0].content.decode()
    assert "Coming bag" in page and "Going bag" not in page
    assert going.unpublish_at <= timezone.now()


def test_a_page_ends_at_the_next_scheduled_change_of_what_it_shows(settings):
    settings.PAGE_CACHE_SECONDS = 600
    now = timezone.now()
    unrelated = ProductFactory()
    assert expiry({ALL, item_tag(Product, unrelated.pk)}, now) == (now + datetime.timedelta(seconds=600)).timestamp()
    coming = ProductFactory(publish_at=now + datetime.timedelta(seconds=90.5))
    going = ProductFactory(unpublish_at=now + datetime.timedelta(seconds=300))
    ProductFactory(publish_at=now + datetime.timedelta(seconds=30), status=Status.DRAFT)  # a draft changes nothing
    assert expiry({list_tag(Product)}, now) == coming.publish_at.timestamp()  # a list ends at the first change
    assert expiry({item_tag(Product, going.pk)}, now) == going.unpublish_at.timestamp()
    assert expiry({item_tag(Product, unrelated.pk)}, now) == (now + datetime.timedelta(seconds=600)).timestamp()


def test_editors_are_neither_served_nor_stored(client, admin_client):
    product = full_product(status=Status.DRAFT, name="Secret bag")
    preview = admin_client.get(product.get_absolute_url())
    assert preview.status_code == 200 and "X-Page-Cache" not in preview
    assert get(client, product.get_absolute_url())[0].status_code == 404
    get(client, "/products/")
    assert "X-Page-Cache" not in admin_client.get("/products/")


def test_odd_query_strings_are_cached_apart_and_in_any_order(client):
    full_product(name="Bel Air")
    get(client, "/products/?sort=name&page=1")
    assert get(client, "/products/?page=1&sort=name")[0]["X-Page-Cache"] == "hit"
    assert get(client, "/products/?sort=-name")[0]["X-Page-Cache"] == "miss"


def test_bulk_loads_invalidate_too(client):
    from products.demo import add_synthetic_products

    get(client, "/products/")
    add_synthetic_products(3)
    assert "3 products" in get(client, "/products/")[0].content.decode()
    assert Product.objects.count() == 3


def test_a_visitor_with_a_pending_message_is_not_served_a_cached_page(client):
    get(client, "/products/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in get(client, "/products/")[0]


def test_a_worker_serves_its_most_served_pages_from_its_own_memory(client, settings):
    """The near cache (core/near_cache.py): a hit with the shared copy gone is still a hit, with one query; with
    PAGE_CACHE_NEAR_MB=0 (read when the worker starts) it is not."""
    product = full_product(name="Bel Air")
    get(client, product.get_absolute_url())
    cache.clear()
    page, queries = get(client, product.get_absolute_url())
    assert page["X-Page-Cache"] == "hit" and "Bel Air" in page.content.decode() and queries == 1
    settings.PAGE_CACHE_NEAR_MB = 0
    worker = Client()
    get(worker, product.get_absolute_url())
    cache.clear()
    assert get(worker, product.get_absolute_url())[0]["X-Page-Cache"] == "miss"


def test_workers_holding_a_page_in_their_own_memory_all_see_an_edit_at_once(admin_client):
    product = full_product(name="Bel Air")
    workers = [Client(), Client()]
    for worker in workers:
        get(worker, product.get_absolute_url())
        assert get(worker, product.get_absolute_url())[0]["X-Page-Cache"] == "hit"
    response = admin_client.post(
        f"/admin/products/product/{product.pk}/change/", admin_change_form(product, name="Bel Air Hobo")
    )
    assert response.status_code == 302
    for worker in workers:
        page, _ = get(worker, product.get_absolute_url())
        assert "Bel Air Hobo" in page.content.decode()


def test_a_worker_s_own_memory_is_bounded_and_keeps_the_most_recently_served():
    near = NearCache(300, weigh=len)
    for key in "abc":
        near.put(key, "x" * 100)
    near.get("a")  # served: kept before b
    near.put("d", "x" * 100)
    assert [key for key in "abcd" if near.get(key)] == ["a", "c", "d"] and near.bytes == 300
    near.put("huge", "x" * 301)  # larger than the whole budget: not kept, nothing evicted for it
    assert near.get("huge") is None and near.bytes == 300
