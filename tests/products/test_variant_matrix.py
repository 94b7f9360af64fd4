"""Generating a product's variant matrix in one step."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User

from products.models import Variant
from products.services import variants_generate
from tests.factories import ColorwayFactory, ProductFactory, SizeFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matrix():
    product = ProductFactory(slug="bel-air")
    colorways = [ColorwayFactory(slug=slug, name=slug.title()) for slug in ("black", "beige", "ivory")]
    sizes = [SizeFactory(slug=slug, name=slug.title()) for slug in ("small", "medium", "large")]
    return product, colorways, sizes


def test_the_whole_matrix_is_created_with_skus_and_the_base_price(matrix):
    product, colorways, sizes = matrix
    created = variants_generate(product=product, colorways=colorways, sizes=sizes, price=Decimal("3900"))
    assert len(created) == 9
    assert set(product.variants.values_list("sku", flat=True)) >= {"BELAIR-BLA-SMA", "BELAIR-IVO-LAR"}
    assert set(product.variants.values_list("price", flat=True)) == {Decimal("3900.00")}


def test_existing_variants_are_kept_untouched(matrix):
    product, colorways, sizes = matrix
    kept = VariantFactory(product=product, colorway=colorways[0], size=sizes[0], sku="KEEP-ME", price=5000)
    created = variants_generate(product=product, colorways=colorways, sizes=sizes, price=Decimal("3900"))
    assert len(created) == 8
    kept.refresh_from_db()
    assert (kept.sku, kept.price) == ("KEEP-ME", Decimal("5000.00"))


def test_a_taken_sku_gets_a_suffix(matrix):
    product, colorways, sizes = matrix
    VariantFactory(sku="BELAIR-BLA-SMA")
    variants_generate(product=product, colorways=colorways[:1], sizes=sizes[:1], price=Decimal(1))
    assert product.variants.get().sku == "BELAIR-BLA-SMA-2"


def test_an_editor_generates_variants_from_the_admin(client, matrix):
    product, colorways, sizes = matrix
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    change = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert 'value="generate_variants"' in change
    response = client.post(
        f"/admin/products/product/{product.pk}/change/",
        {"CHANGE_FORM-action": "generate_variants", "_selected_action": product.pk},
    )
    assert response["Location"].endswith(f"/admin/products/product/{product.pk}/variants/generate/")
    url = response["Location"]
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "colorways": [c.pk for c in colorways[:2]],
            "sizes": [s.pk for s in sizes],
            "price": "3900",
            "currency": "EUR",
        },
    )
    assert response.status_code == 302
    assert Variant.objects.filter(product=product).count() == 6


def test_the_generator_explains_bad_input(admin_client, matrix):
    product, _, _ = matrix
    response = admin_client.post(
        f"/admin/products/product/{product.pk}/variants/generate/", {"price": "-3", "currency": "euro"}
    )
    assert response.status_code == 200
    assert response.content.decode().count("errorlist") >= 3
    assert not Variant.objects.exists()


def test_the_generator_needs_change_permission(client, matrix):
    product, _, _ = matrix
    user = User.objects.create_user("pr", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Exporters"))
    client.force_login(user)
    assert client.get(f"/admin/products/product/{product.pk}/variants/generate/").status_code == 403
    assert client.get("/admin/products/product/999999/variants/generate/").status_code == 404


def test_generated_variants_show_on_the_cached_public_page_at_once(client, admin_client, matrix):
    """bulk_create sends no signals: the generator itself must refresh prices and the page cache."""
    product, colorways, sizes = matrix
    page = client.get(product.get_absolute_url()).content.decode()
    assert "BELAIR-BLA-SMA" not in page
    admin_client.post(
        f"/admin/products/product/{product.pk}/variants/generate/",
        {"colorways": [colorways[0].pk], "sizes": [sizes[0].pk], "price": "3900", "currency": "EUR"},
    )
    assert "BELAIR-BLA-SMA" in client.get(product.get_absolute_url()).content.decode()
    assert "€3,900" in client.get("/products/").content.decode()
    product.refresh_from_db()
    assert product.min_price == product.max_price == Decimal("3900.00")


def test_the_generator_takes_a_price_per_size_and_per_market(admin_client, matrix):
    from products.models import Market, MarketPrice

    product, colorways, sizes = matrix
    uk = Market.objects.create(slug="uk", name="United Kingdom", currency="GBP")
    Market.objects.create(slug="europe", name="Europe", currency="EUR")  # the house market: the variant's price
    url = f"/admin/products/product/{product.pk}/variants/generate/"
    page = admin_client.get(url).content.decode()
    assert f'name="market_{uk.pk}_{sizes[0].pk}"' in page and "Europe, size" not in page
    response = admin_client.post(
        url,
        {
            "colorways": [colorways[0].pk],
            "sizes": [sizes[0].pk, sizes[1].pk],
            "price": "3900",
            "currency": "EUR",
            f"price_{sizes[1].pk}": "4400",
            f"market_{uk.pk}_{sizes[0].pk}": "3350",
        },
    )
    assert response.status_code == 302
    prices = dict(Variant.objects.filter(product=product).values_list("size", "price"))
    assert prices == {sizes[0].pk: Decimal("3900.00"), sizes[1].pk: Decimal("4400.00")}
    in_uk = MarketPrice.objects.filter(variant__product=product, market=uk)
    assert list(in_uk.values_list("variant__size", "price")) == [(sizes[0].pk, Decimal("3350.00"))], (
        "the large size has no UK price: not sold there"
    )
