"""History of public content: who changed what, field by field, and reverts."""

import pytest
from django.contrib.auth.models import Group, User

from fashion.publishing import Status
from products.models import Product
from tests.factories import ProductFactory, admin_change_form

pytestmark = pytest.mark.django_db


def test_an_admin_edit_is_recorded_with_its_author_and_the_changed_fields(admin_client, admin_user):
    product = ProductFactory(name="Bel Air", description="Old words.")
    response = admin_client.post(
        f"/admin/products/product/{product.pk}/change/", admin_change_form(product, description="New words.")
    )
    assert response.status_code == 302
    latest, previous = product.history.all()[:2]
    assert latest.history_user == admin_user
    assert [change.field for change in latest.diff_against(previous).changes] == ["description"]
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
    assert "description" in page and "Before." in page and "After." in page
    older, newer = product.history.order_by("history_id")[:2]
    query = f"?from={older.history_id}&to={newer.history_id}"
    assert (
        "After." in admin_client.get(f"/admin/products/product/{product.pk}/history/compare/{query}").content.decode()
    )


@pytest.mark.parametrize("query", ["?from=abc", "?to=999999", "?from=-1&to=x"])
def test_the_compare_view_answers_odd_queries_with_404(admin_client, query):
    product = ProductFactory()
    assert admin_client.get(f"/admin/products/product/{product.pk}/history/compare/{query}").status_code == 404
