"""History of public content: who changed what, field by field, and reverts."""

import html
import re

import pytest
from django.contrib.auth.models import Group, User

from core.publishing import Status
from products.models import Brand, Product, Variant
from tests.browser_forms import form_data
from tests.factories import (
    BrandFactory,
    CollectionFactory,
    ColorwayFactory,
    ProductFactory,
    SizeFactory,
    VariantFactory,
    admin_change_form,
    full_product,
)

pytestmark = pytest.mark.django_db


def test_an_admin_edit_is_recorded_with_its_author_and_the_changed_fields(admin_client, admin_user):
    product = ProductFactory(name="Bel Air", description="Old words.")
    response = admin_client.post(
        f"/admin/products/product/{product.pk}/change/", admin_change_form(product, description="New words.")
    )
    assert response.status_code == 302
    latest, previous = product.history.all()[:2]
    assert latest.history_user == admin_user
    assert [change.field for change in latest.diff_against(previous).changes] == ["description_en"]
    page = admin_client.get(f"/admin/products/product/{product.pk}/history/").content.decode()
    assert "New words." in page and "Old words." in page


def test_who_published_what_and_when_is_in_the_history(admin_client, admin_user):
    product = ProductFactory(draft=True)
    admin_client.post("/admin/products/product/", {"action": "publish", "_selected_action": [product.pk]})
    latest = product.history.first()
    assert latest.status == Status.PUBLISHED and latest.history_user == admin_user
    assert latest.history_date is not None


def test_revert_creates_a_new_version(admin_client):
    product = ProductFactory(description="First words.")
    admin_client.post(
        f"/admin/products/product/{product.pk}/change/", admin_change_form(product, description="Second.")
    )
    first = product.history.order_by("history_id").first()
    url = f"/admin/products/product/{product.pk}/history/{first.history_id}/"
    assert admin_client.get(url).status_code == 200
    product.refresh_from_db()
    response = admin_client.post(url, admin_change_form(product, description="First words."))
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.description == "First words."
    assert product.history.count() == 3


def test_an_editor_cannot_publish_by_reverting_to_a_published_version(client):
    product = ProductFactory(status=Status.PUBLISHED)
    product.status = Status.DRAFT
    product.save()
    published_version = product.history.order_by("history_id").first()
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = f"/admin/products/product/{product.pk}/history/{published_version.history_id}/"
    client.post(url, admin_change_form(product, status=Status.PUBLISHED))
    assert Product.objects.get(pk=product.pk).status == Status.DRAFT


def test_history_pages_need_permission(client):
    product = ProductFactory()
    assert client.get(f"/admin/products/product/{product.pk}/history/").status_code == 302
    client.force_login(User.objects.create_user("intern", password="x", is_staff=True))
    assert client.get(f"/admin/products/product/{product.pk}/history/").status_code == 403


def test_the_compare_view_shows_two_versions_field_by_field(admin_client):
    product = ProductFactory(name="Bel Air", description="Before.")
    admin_client.post(f"/admin/products/product/{product.pk}/change/", admin_change_form(product, description="After."))
    page = admin_client.get(f"/admin/products/product/{product.pk}/history/compare/").content.decode()
    assert "<td>Description [en]</td>" in page and "Before." in page and "After." in page, "by label, whole"
    older, newer = product.history.order_by("history_id")[:2]
    query = f"?from={older.history_id}&to={newer.history_id}"
    assert (
        "After." in admin_client.get(f"/admin/products/product/{product.pk}/history/compare/{query}").content.decode()
    )


@pytest.mark.parametrize("query", ["?from=abc", "?to=999999", "?from=-1&to=x"])
def test_the_compare_view_answers_odd_queries_with_404(admin_client, query):
    product = ProductFactory()
    assert admin_client.get(f"/admin/products/product/{product.pk}/history/compare/{query}").status_code == 404


def edit(client, item, **changes):
    url = f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"
    response = client.post(url, {**form_data(client.get(url)), **changes, "_save": "Save"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_history_page_shows_whole_changes_with_labels_house_time_and_compare(admin_client):
    product = full_product(description="Short.")
    long_text = "A calfskin bag with a twist lock. " * 12
    edit(admin_client, product, description_en=long_text, debut_date="2024-07-01")
    page = admin_client.get(f"/admin/products/product/{product.pk}/history/").content.decode()
    assert html.escape(long_text.strip()) in page, "the change is not cut to 100 characters"
    assert "Debut date:" in page, "the field's label, not its name"
    # Django writes "3:10 p.m.", "3 p.m.", "noon" or "midnight": any of them, then the zone.
    assert re.search(r"([ap]\.m\.|noon|midnight) CES?T", page), "times in the house's zone, which is named"
    assert f"/admin/products/product/{product.pk}/history/compare/" in page
    assert ' style="' not in page, "no inline style: the CSP would refuse it"


def test_a_product_s_history_shows_its_variants_and_pictures_changes(admin_client):
    product = full_product()
    variant = product.variants.first()
    edit(admin_client, variant, price="4321.00")
    edit(admin_client, product, **{"images-0-alt_text_en": "The bag, side view"})  # pictures are edited inline
    page = admin_client.get(f"/admin/products/product/{product.pk}/history/").content.decode()
    assert "Variants" in page and "4321" in page
    assert "Pictures" in page and "The bag, side view" in page


@pytest.mark.parametrize("suffix", ["history/compare/", "variants/generate/", "history/{record}/"])
def test_custom_admin_pages_use_the_admin_s_breadcrumbs(admin_client, suffix):
    product = ProductFactory()
    url = f"/admin/products/product/{product.pk}/" + suffix.format(record=product.history.first().history_id)
    page = admin_client.get(url).content.decode()
    assert '<ol class="breadcrumbs">' in page and '<div class="breadcrumbs">' not in page


def test_the_launch_overview_uses_the_admin_s_breadcrumbs(admin_client):
    page = admin_client.get("/admin/campaigns/launch/overview/").content.decode()
    assert '<ol class="breadcrumbs">' in page


def test_the_history_page_does_not_query_once_per_related_change(admin_client):
    """A variant's previous version is found in the same list, not fetched per row of the history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    product = full_product()
    variant = product.variants.first()
    url = f"/admin/products/product/{product.pk}/history/"

    def queries_after(prices):
        for price in prices:
            variant.price = price
            variant.save()
        admin_client.get(url)  # warm the session and permission caches
        with CaptureQueriesContext(connection) as captured:
            page = admin_client.get(url).content.decode()
        assert prices[-1][:4] in page
        return len(captured)

    assert queries_after(["4001.00", "4002.00"]) == queries_after([f"{4100 + n}.00" for n in range(8)])


def test_the_compare_view_of_an_item_written_in_bulk_says_it_has_no_history(admin_client):
    """Generated variants and synthetic products are written with bulk_create: no version at all (was a 500)."""
    product = full_product(name="Bel Air")
    [variant] = Variant.objects.bulk_create(
        [
            Variant(
                product=product,
                colorway=product.variants.first().colorway,
                size=SizeFactory(slug="xl"),
                sku="BULK-1",
                price=100,
            )
        ]
    )
    response = admin_client.get(f"/admin/products/variant/{variant.pk}/history/compare/")
    assert response.status_code == 200
    assert "have a change history" in html.unescape(response.content.decode())


def test_history_pages_still_open_after_what_old_versions_point_to_is_deleted(admin_client):
    """A variant's old versions keep the id of a colorway deleted since; a collection's, of a brand (was a 500)."""
    product = full_product(name="Rodeo")
    colorway = ColorwayFactory(slug="oxblood", name="Oxblood")
    variant = VariantFactory(product=product, colorway=colorway, size=SizeFactory(slug="small"), sku="ROD-OX")
    history, variant_pk = variant.history.first().history_id, variant.pk
    variant.delete()
    colorway.delete()
    collection = CollectionFactory(brand=BrandFactory(slug="gone", name="Gone"))
    collection.brand = BrandFactory()
    collection.save()
    Brand.objects.filter(slug="gone").delete()
    for url in (
        f"/admin/products/product/{product.pk}/history/",
        f"/admin/products/variant/{variant_pk}/history/",
        f"/admin/products/variant/{variant_pk}/history/{history}/",
        f"/admin/products/collection/{collection.pk}/history/",
    ):
        assert admin_client.get(url).status_code == 200, url
