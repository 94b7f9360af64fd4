"""Two editors, one product: the second save never silently undoes the first."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from fashion.publishing import Status
from products.models import Product
from tests.factories import ProductFactory, admin_change_form

pytestmark = pytest.mark.django_db


def editor(name):
    client = Client()
    client.force_login(User.objects.create_superuser(name, password="x"))
    return client


def loaded_at(page):
    return re.search(r'name="_loaded_at" value="([^"]+)"', page.content.decode()).group(1)


def form(product, stamp, **changes):
    return admin_change_form(product, _loaded_at=stamp, **changes)


def test_the_second_save_gets_a_conflict_showing_the_first_and_keeps_its_input():
    product = ProductFactory(name="Bel Air", description="Original.")
    url = f"/admin/products/product/{product.pk}/change/"
    anna, ben = editor("anna"), editor("ben")
    anna_stamp, ben_stamp = loaded_at(anna.get(url)), loaded_at(ben.get(url))

    assert anna.post(url, form(product, anna_stamp, description="Anna's words.")).status_code == 302
    response = ben.post(url, form(product, ben_stamp, name="Bel Air by Ben"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved" in page and "anna" in page and "Anna&#x27;s words." in page
    assert 'value="Bel Air by Ben"' in page, "Ben's input is still in the form"
    product.refresh_from_db()
    assert (product.name, product.description) == ("Bel Air", "Anna's words.")

    # Ben read the message; the page he got is newer than Anna's save, so saving again keeps his name.
    again = ben.post(url, form(product, loaded_at(response), name="Bel Air by Ben"))
    assert again.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.description) == ("Bel Air by Ben", "Anna's words.")


def test_list_editable_refuses_rows_changed_meanwhile():
    product = ProductFactory(family="Bel Air")
    anna, ben = editor("anna"), editor("ben")
    ben_stamp = loaded_at(ben.get("/admin/products/product/"))
    anna_page = anna.get(f"/admin/products/product/{product.pk}/change/")
    anna.post(f"/admin/products/product/{product.pk}/change/", form(product, loaded_at(anna_page), family="Anna"))
    response = ben.post(
        "/admin/products/product/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": product.pk,
            "form-0-family": "Ben",
            "_save": "Save",
            "_loaded_at": ben_stamp,
        },
    )
    assert response.status_code == 200 and "Someone saved" in response.content.decode()
    assert Product.objects.get(pk=product.pk).family == "Anna"


def test_a_bulk_action_does_not_touch_items_changed_meanwhile():
    product = ProductFactory(draft=True)
    anna, ben = editor("anna"), editor("ben")
    ben_stamp = loaded_at(ben.get("/admin/products/product/"))
    anna_page = anna.get(f"/admin/products/product/{product.pk}/change/")
    anna.post(f"/admin/products/product/{product.pk}/change/", form(product, loaded_at(anna_page), name="Renamed"))
    response = ben.post(
        "/admin/products/product/",
        {"action": "publish", "_selected_action": [product.pk], "_loaded_at": ben_stamp},
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode()
    assert Product.objects.get(pk=product.pk).status == Status.DRAFT


def test_without_a_concurrent_save_everything_goes_through():
    product = ProductFactory(draft=True)
    ben = editor("ben")
    stamp = loaded_at(ben.get("/admin/products/product/"))
    ben.post("/admin/products/product/", {"action": "publish", "_selected_action": [product.pk], "_loaded_at": stamp})
    assert Product.objects.get(pk=product.pk).status == Status.PUBLISHED
