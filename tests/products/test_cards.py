"""Product cards: the partial every product list renders (templates/fashion/cards.html#product_grid)."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from products.models import Product
from tests.factories import CategoryFactory, ProductFactory, ProductImageFactory, VariantFactory

pytestmark = pytest.mark.django_db


def grid(products):
    return render_to_string("fashion/cards.html#product_grid", {"items": products})


def cards(html):
    return re.findall(r'<article class="card">.*?</article>', html, re.DOTALL)


def test_a_card_shows_link_picture_name_category_and_price():
    product = ProductFactory(name="Bel Air", slug="bel-air", category=CategoryFactory(name="Shoulder bags"))
    ProductImageFactory(product=product, alt_text="The Bel Air in black calfskin")
    VariantFactory(product=product, price=Decimal("3900"))
    VariantFactory(product=product, price=Decimal("4500"))

    [card] = cards(grid(Product.objects.for_listing()))

    assert '<a href="/products/bel-air/">' in card
    assert "<h3>Bel Air</h3>" in card
    assert '<p class="meta">Shoulder bags · €3,900 to €4,500</p>' in card
    assert "<picture>" in card and 'alt="The Bel Air in black calfskin"' in card


def test_a_product_without_pictures_or_variants_shows_no_picture_and_no_price():
    product = ProductFactory()
    [card] = cards(grid(Product.objects.for_listing()))
    assert "<picture>" not in card and "<img" not in card
    assert f'<p class="meta">{product.category.name}</p>' in card


def test_card_prices_are_written_in_the_visitors_language():
    VariantFactory(product=ProductFactory(), price=Decimal("12500"))
    with translation.override("en"):
        assert " · €12,500</p>" in grid(Product.objects.for_listing())
    with translation.override("fr"):
        assert " · 12\xa0500\xa0€</p>" in grid(Product.objects.for_listing())


def test_the_catalogue_renders_the_cards(client):
    product = ProductFactory(name="Rodeo", slug="rodeo")
    VariantFactory(product=product, price=Decimal("2900"))
    html = client.get("/products/").content.decode()
    assert '<a href="/products/rodeo/">' in html
    assert "<h3>Rodeo</h3>" in html
    assert f"{product.category.name} · €2,900" in html


def test_a_list_of_cards_is_one_query_whatever_its_length(django_assert_num_queries):
    """for_listing() loads every column a card reads (CARD_FIELDS): no query per card, loaded or not."""
    for n in range(5):
        ProductImageFactory(product=ProductFactory(name=f"Bag {n}"))
    with django_assert_num_queries(1):
        html = grid(Product.objects.for_listing().order_by("name")[:4])
    assert len(cards(html)) == 4 and html.count("<picture>") == 4
    products = list(Product.objects.for_listing())
    with django_assert_num_queries(0):
        assert len(cards(grid(products))) == 5


def test_a_card_escapes_what_editors_typed(client):
    product = ProductFactory(name='<script>alert("x")</script>', category=CategoryFactory(name="Bags & more"))
    ProductImageFactory(product=product, alt_text='"><img src=x onerror=alert(1)>')
    html = grid(Product.objects.for_listing())
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Bags &amp; more" in html
    assert "onerror=alert(1)>" not in html and "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;" in client.get("/products/").content.decode()
