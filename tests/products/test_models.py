"""Database constraints protect the catalogue even when a form is bypassed."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import ColorwayFactory, ProductFactory, ProductImageFactory, SizeFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_a_sku_is_unique_across_the_house():
    VariantFactory(sku="BELAIR-BLA-S")
    with pytest.raises(IntegrityError):
        VariantFactory(sku="BELAIR-BLA-S")


def test_one_variant_per_product_colorway_and_size():
    variant = VariantFactory()
    with pytest.raises(IntegrityError):
        VariantFactory(product=variant.product, colorway=variant.colorway, size=variant.size)


def test_the_same_colorway_and_size_may_exist_on_another_product():
    black, small = ColorwayFactory(slug="black"), SizeFactory(slug="small")
    VariantFactory(colorway=black, size=small)
    VariantFactory(colorway=black, size=small)


def test_a_price_cannot_be_negative():
    with pytest.raises(IntegrityError):
        VariantFactory(price=-1)


def test_product_slugs_are_unique():
    ProductFactory(slug="bel-air")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(slug="bel-air")


def test_a_picture_without_alt_text_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ProductImageFactory(alt_text="")
