"""Bulk actions on large selections: all or nothing, finished within the request, or refused with a reason."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.admin_safety import BULK_LIMIT
from core.cache_tags import current_version as content_version
from core.publishing import Status
from products.models import Product
from tests.factories import BrandFactory, CategoryFactory

pytestmark = pytest.mark.django_db

MANY = 5_000


@pytest.fixture
def many_drafts():
    brand, category = BrandFactory(), CategoryFactory()
    Product.objects.bulk_create(
        Product(brand=brand, category=category, name=f"Bag {n}", slug=f"bag-{n}", status=Status.DRAFT)
        for n in range(MANY)
    )


def select_all(action):
    return {"action": action, "select_across": "1", "index": "0", "_selected_action": ["1"]}


def test_publishing_everything_selected_is_one_set_based_change_recorded_per_item(admin_client, many_drafts):
    before = content_version()
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post("/admin/products/product/", select_all("publish"), follow=True)
    assert f"{MANY} items published" in response.content.decode()
    assert not Product.objects.exclude(status=Status.PUBLISHED).exists()
    assert Product.history.model.objects.filter(status=Status.PUBLISHED, history_type="~").count() == MANY
    assert content_version() > before, "the public pages learn about it"
    assert len(queries) < 100, "set-based: the number of queries does not follow the selection"


def test_unpublishing_everything_selected_works_the_same_way(admin_client, many_drafts):
    Product.objects.update(status=Status.PUBLISHED)
    admin_client.post("/admin/products/product/", select_all("unpublish"))
    assert not Product.objects.filter(status=Status.PUBLISHED).exists()


def test_deleting_more_than_the_limit_is_refused_before_anything_is_deleted(admin_client, many_drafts):
    assert MANY > BULK_LIMIT
    response = admin_client.post("/admin/products/product/", select_all("delete_selected"), follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert f"at most {BULK_LIMIT}" in response.content.decode()
    assert Product.objects.count() == MANY


def test_deleting_a_few_still_asks_and_then_deletes(admin_client):
    brand, category = BrandFactory(), CategoryFactory()
    products = [Product.objects.create(brand=brand, category=category, name=f"B{n}", slug=f"b{n}") for n in range(3)]
    data = {"action": "delete_selected", "_selected_action": [p.pk for p in products]}
    assert "Are you sure" in admin_client.post("/admin/products/product/", data).content.decode()
    admin_client.post("/admin/products/product/", {**data, "post": "yes"})
    assert not Product.objects.exists()
