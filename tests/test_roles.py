"""The roles created by migrations: Editors write, Publishers also publish, Exporters export."""

import pytest
from django.contrib.auth.models import Group

from core.publishing import Status
from products.models import Product
from tests.factories import ProductFactory, admin_product_form, member_of

pytestmark = pytest.mark.django_db


def test_an_editor_writes_but_cannot_publish(client):
    member_of(client, "Editors")
    product = ProductFactory(draft=True)
    form = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert 'name="name_en"' in form and 'name="status"' not in form, "status must be read-only"
    assert 'value="publish"' not in form
    response = client.post("/admin/products/product/", {"action": "publish", "_selected_action": [product.pk]})
    product.refresh_from_db()
    assert product.status == Status.DRAFT
    assert response.status_code == 200, "the list again: no such action for an editor"


def test_what_an_editor_creates_starts_as_a_draft_even_if_they_try(client):
    member_of(client, "Editors")
    response = client.post("/admin/products/product/add/", admin_product_form(status=Status.PUBLISHED))
    assert response.status_code == 302
    assert Product.objects.get(slug="new-bag").status == Status.DRAFT


def test_an_editor_cannot_delete_a_product(client):
    member_of(client, "Editors")
    product = ProductFactory()
    assert client.get(f"/admin/products/product/{product.pk}/delete/").status_code == 403


def test_a_publisher_publishes_and_schedules(client):
    member_of(client, "Publishers")
    product = ProductFactory(draft=True)
    form = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert 'name="status"' in form and 'name="publish_at_0"' in form
    client.post("/admin/products/product/", {"action": "publish", "_selected_action": [product.pk]})
    product.refresh_from_db()
    assert product.status == Status.PUBLISHED


def test_an_exporter_sees_but_cannot_change(client):
    member_of(client, "Exporters")
    product = ProductFactory()
    assert client.get("/admin/products/product/").status_code == 200
    page = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert 'name="name"' not in page  # view-only
    assert client.post("/admin/products/product/add/", admin_product_form()).status_code == 403


def test_the_admin_says_which_timezone_it_shows(admin_client, settings):
    product = ProductFactory()
    page = admin_client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert settings.TIME_ZONE in page


@pytest.mark.parametrize("group", ["Editors", "Publishers"])
def test_every_content_model_is_editable_by_the_editorial_roles(group):
    """A model added to products or campaigns without rights for the roles is invisible to them (sizes and
    dimensions once were): every content model but launches needs view, add and change; markets are the
    Publishers' (a market that stops showing prices changes all its pages), Editors set prices in them."""
    from django.apps import apps

    rights = set(Group.objects.get(name=group).permissions.values_list("content_type__model", "codename"))
    for model in [*apps.get_app_config("products").get_models(), *apps.get_app_config("campaigns").get_models()]:
        name = model._meta.model_name
        if name.startswith("historical") or name == "launch" or (name, group) == ("market", "Editors"):
            continue
        for action in ("view", "add", "change"):
            assert (name, f"{action}_{name}") in rights, f"{group} cannot {action} {name}"


def test_an_editor_sees_and_edits_sizes_and_dimensions(client):
    member_of(client, "Editors")
    product = ProductFactory()
    page = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert "Sizes and dimensions" in page and 'name="product_sizes-TOTAL_FORMS"' in page


def test_an_editor_is_told_why_publishing_is_read_only(client):
    member_of(client, "Editors")
    product = ProductFactory()
    page = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert "Only Publishers put items on the site" in page
