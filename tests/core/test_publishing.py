"""The publishing rule at its edges, through real queries."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from products.models import Product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2025, 6, 1, 12, 0))
SECOND = datetime.timedelta(seconds=1)


def visible(product, now=NOW):
    in_query = Product.objects.published(now=now).filter(pk=product.pk).exists()
    assert in_query == product.is_published(now=now), "queryset and instance rules disagree"
    return in_query


def test_a_draft_is_never_visible_whatever_its_dates():
    assert not visible(ProductFactory(draft=True, publish_at=NOW - SECOND))


def test_published_without_dates_is_visible():
    assert visible(ProductFactory())


def test_publish_at_exactly_now_is_visible():
    assert visible(ProductFactory(publish_at=NOW))


def test_publish_at_one_second_ahead_is_not_yet_visible():
    assert not visible(ProductFactory(publish_at=NOW + SECOND))


def test_unpublish_at_exactly_now_is_gone():
    assert not visible(ProductFactory(unpublish_at=NOW))


def test_unpublish_at_in_the_past_is_gone():
    assert not visible(ProductFactory(unpublish_at=NOW - datetime.timedelta(days=1)))


def test_unpublish_at_in_the_future_is_still_visible():
    assert visible(ProductFactory(publish_at=NOW - SECOND, unpublish_at=NOW + SECOND))


def test_the_database_refuses_an_unpublish_before_the_publish():
    with pytest.raises(IntegrityError):
        ProductFactory(publish_at=NOW, unpublish_at=NOW - SECOND)


def test_visibility_words_for_editors():
    assert ProductFactory(draft=True).visibility(NOW) == "draft"
    assert ProductFactory(publish_at=NOW + SECOND).visibility(NOW) == "scheduled"
    assert ProductFactory(unpublish_at=NOW).visibility(NOW) == "expired"
    assert ProductFactory().visibility(NOW) == "live"
