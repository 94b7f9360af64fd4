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


def test_a_products_price_range_follows_its_variants():
    from decimal import Decimal

    product = ProductFactory()
    assert product.min_price is None
    cheap = VariantFactory(product=product, price=Decimal("100"))
    dear = VariantFactory(product=product, price=Decimal("900"))
    product.refresh_from_db()
    assert (product.min_price, product.max_price) == (Decimal("100.00"), Decimal("900.00"))
    dear.price = Decimal("50")
    dear.save()
    product.refresh_from_db()
    assert (product.min_price, product.max_price) == (Decimal("50.00"), Decimal("100.00"))
    cheap.delete()
    dear.delete()
    product.refresh_from_db()
    assert (product.min_price, product.max_price) == (None, None)


def test_a_field_a_card_does_not_load_costs_one_query_for_the_whole_list(django_assert_num_queries):
    """for_listing() loads only what a card shows; FETCH_PEERS keeps a later read from becoming N+1."""
    from products.models import Product

    for n in range(5):
        ProductFactory(description=f"Words {n}")
    products = list(Product.objects.for_listing())
    with django_assert_num_queries(1):
        assert sorted(product.description for product in products) == [f"Words {n}" for n in range(5)]


def test_a_products_cover_is_its_first_picture_by_order():
    product = ProductFactory()
    assert product.cover is None
    second = ProductImageFactory(product=product, order=2)
    first = ProductImageFactory(product=product, order=1)
    product.refresh_from_db()
    assert product.cover == first
    first.order = 3
    first.save()
    product.refresh_from_db()
    assert product.cover == second
    second.delete()
    product.refresh_from_db()
    assert product.cover == first
    product.delete()  # the cover points back at the product's own picture: deleting must still work


def test_a_cards_price_text():
    from decimal import Decimal

    from products.models.prices import price_range_text

    def price_text(product):
        return price_range_text(product.min_price, product.max_price, "en")

    product = ProductFactory()
    assert price_text(product) == ""
    VariantFactory(product=product, price=Decimal("3500"))
    product.refresh_from_db()
    assert price_text(product) == "€3,500"
    VariantFactory(product=product, price=Decimal("12500"))
    product.refresh_from_db()
    assert price_text(product) == "€3,500 to €12,500"


def test_deleting_products_does_not_refresh_the_columns_of_products_that_go_too():
    """Each variant's delete used to refresh its product's price range and search terms: 3/4 of a bulk delete."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from products.models import Product
    from tests.factories import full_product

    full_product(slug="one")
    full_product(slug="two")
    with CaptureQueriesContext(connection) as queries:
        Product.objects.all().delete()
    refreshes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "products_product"')]
    assert [sql for sql in refreshes if "SELECT" in sql] == [], "no derived-column refresh (a SET NULL is Django's)"


def test_deleting_one_variant_still_refreshes_its_product_s_price_range():
    from decimal import Decimal

    from tests.factories import full_product

    product = full_product()
    cheapest = product.variants.order_by("price").first()
    product.variants.exclude(pk=cheapest.pk).update(price=Decimal("5000"))
    cheapest.delete()
    product.refresh_from_db()
    assert product.min_price == Decimal("5000")
