"""Product cards: the plain data every product list renders (products/cards.py)."""

from decimal import Decimal

import pytest
from django.utils import translation

from products.cards import product_cards
from products.models import Product
from tests.factories import CategoryFactory, ProductFactory, ProductImageFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_a_card_holds_what_the_grid_shows():
    product = ProductFactory(name="Bel Air", slug="bel-air", category=CategoryFactory(name="Shoulder bags"))
    ProductImageFactory(product=product, alt_text="The Bel Air in black calfskin")
    VariantFactory(product=product, price=Decimal("3900"))
    VariantFactory(product=product, price=Decimal("4500"))

    [card] = product_cards(Product.objects.for_listing())

    assert card["url"] == "/products/bel-air/"
    assert card["name"] == "Bel Air"
    assert card["meta"] == "Shoulder bags · €3,900 to €4,500"
    assert card["picture"].startswith("<picture>") and 'alt="The Bel Air in black calfskin"' in card["picture"]


def test_a_product_without_pictures_or_variants_has_an_empty_picture_and_price():
    product = ProductFactory()
    [card] = product_cards(Product.objects.for_listing())
    assert card["picture"] == ""
    assert card["meta"] == product.category.name


def test_card_prices_are_formatted_in_the_visitors_language():
    """Price texts are memoized; the language is part of the key, so French keeps its own separators."""
    product = ProductFactory()
    VariantFactory(product=product, price=Decimal("12500"))
    with translation.override("en"):
        assert product_cards(Product.objects.for_listing())[0]["meta"].endswith(" · €12,500")
    with translation.override("fr"):
        assert product_cards(Product.objects.for_listing())[0]["meta"].endswith(" · €12\xa0500")


def test_the_grid_renders_the_cards(client):
    product = ProductFactory(name="Rodeo", slug="rodeo")
    VariantFactory(product=product, price=Decimal("2900"))
    html = client.get("/products/").content.decode()
    assert '<a href="/products/rodeo/">' in html
    assert "<h3>Rodeo</h3>" in html
    assert f"{product.category.name} · €2,900" in html


def test_for_listing_loads_every_column_a_card_reads(django_assert_num_queries):
    """Products loaded with for_listing() (prefetched lists) make cards without another query."""
    from products.cards import CARD_COLUMNS
    from products.models import CARD_FIELDS

    assert set(CARD_COLUMNS) <= set(CARD_FIELDS)
    ProductImageFactory(product=ProductFactory())
    products = list(Product.objects.for_listing())
    with django_assert_num_queries(0):
        product_cards(products)


def test_an_unloaded_list_is_read_as_rows_in_one_query(django_assert_num_queries):
    for name in ("Rodeo", "Bel Air", "Hobo"):
        ProductImageFactory(product=ProductFactory(name=name))
    with django_assert_num_queries(1):
        cards = product_cards(Product.objects.for_listing().order_by("name")[:2])
    assert [card["name"] for card in cards] == ["Bel Air", "Hobo"]
    assert all(card["picture"].startswith("<picture>") for card in cards)


def test_a_card_escapes_what_editors_typed(client):
    from products.cards import product_grid

    product = ProductFactory(name='<script>alert("x")</script>', category=CategoryFactory(name="Bags & more"))
    ProductImageFactory(product=product, alt_text='"><img src=x onerror=alert(1)>')
    html = str(product_grid(Product.objects.for_listing()))
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Bags &amp; more" in html
    assert "onerror=alert(1)>" not in html and "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;" in client.get("/products/").content.decode()
