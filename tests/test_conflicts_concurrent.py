"""Editors saving the same product at the same moment, on PostgreSQL: no save undoes another, ever.

A save reads the row, merges field by field and writes it back; without a lock, a save committed between
that read and that write was silently undone (found by an attack with six parallel sessions).
"""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from products.models import Product
from tests.browser_forms import form_data
from tests.factories import CampaignFactory, ColorwayFactory, ProductFactory, SizeFactory, full_product

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite serialises writers itself"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 12


def test_parallel_saves_of_different_fields_all_stay():
    product = full_product(description="Start.", family="Start")
    url = f"/admin/products/product/{product.pk}/change/"
    fields = ["description", "family", "name"]
    users = [User.objects.create_superuser(f"editor{n}", password="x") for n in range(len(fields))]
    saved, failures = {}, []
    start = threading.Barrier(len(fields))

    def editor(user, field):
        client = Client()
        client.force_login(user)
        start.wait()
        try:
            for round_ in range(ROUNDS):
                data = form_data(client.get(url), "product_form")
                value = f"{field} by {user.username}, round {round_}"
                name = f"{field}_en" if field in ("description", "name") else field  # translated: a column per language
                response = client.post(url, {**data, name: value, "_continue": "1"})
                if response.status_code == 302:
                    saved[field] = value
                else:
                    failures.append((field, response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=editor, args=(user, field)) for user, field in zip(users, fields, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    product = Product.objects.get(pk=product.pk)
    assert failures == [], "each editor changed only their own field: no conflict to ask about"
    assert {field: getattr(product, field) for field in fields} == saved


def run_together(*jobs):
    """Run each job in its own thread, started at the same moment; each closes its database connection."""
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait()
        try:
            job()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def logged_in(name):
    client = Client()
    client.force_login(User.objects.create_superuser(name, password="x"))
    return client


def test_the_product_form_and_its_variants_forms_saving_at_once_never_deadlock():
    """The product form locks the product, then its variants; a variant's own form (whose save refreshes the
    product's price range) used to lock them the other way round: one save in five died of a deadlock."""
    product = full_product()
    variants = list(product.variants.order_by("pk")[:2])
    statuses, prices = [], {}

    def product_editor():
        client, url = logged_in("anna"), f"/admin/products/product/{product.pk}/change/"
        for round_ in range(ROUNDS):
            data = form_data(client.get(url), "product_form")
            statuses.append(
                client.post(url, {**data, "description_en": f"Round {round_}.", "_continue": "1"}).status_code
            )

    def variant_editor(variant, name):
        def edit():
            client, url = logged_in(name), f"/admin/products/variant/{variant.pk}/change/"
            for round_ in range(ROUNDS):
                data = form_data(client.get(url), "variant_form")
                price = f"{3000 + round_}.00"
                status = client.post(url, {**data, "price": price, "_continue": "1"}).status_code
                statuses.append(status)
                if status == 302:
                    prices[variant.pk] = price

        return edit

    run_together(product_editor, variant_editor(variants[0], "ben"), variant_editor(variants[1], "cleo"))
    assert set(statuses) == {302}
    for variant in variants:
        variant.refresh_from_db()
        assert f"{variant.price:.2f}" == prices[variant.pk]
    product.refresh_from_db()
    assert product.description == f"Round {ROUNDS - 1}."


def test_generating_variants_twice_at_once_creates_them_once():
    """A double click on "Generate variants" sent two requests that both found the SKUs free."""
    product = ProductFactory()
    colorways, sizes = ColorwayFactory.create_batch(2), SizeFactory.create_batch(2)
    url = f"/admin/products/product/{product.pk}/variants/generate/"
    data = {"colorways": [c.pk for c in colorways], "sizes": [s.pk for s in sizes], "price": "100", "currency": "EUR"}
    statuses = []
    client = logged_in("anna")
    run_together(*[lambda: statuses.append(client.post(url, data).status_code)] * 2)
    assert statuses == [302, 302]
    assert product.variants.count() == 4


def test_featuring_a_product_while_it_is_being_saved_never_deadlocks():
    """A campaign adding a featured product checks the product's key while its own save holds the page-cache
    counter; the product's form held a lock that blocked that check, and waited for the counter."""
    product = full_product()
    campaign = CampaignFactory()
    statuses = []

    def product_editor():
        client, url = logged_in("anna"), f"/admin/products/product/{product.pk}/change/"
        for round_ in range(ROUNDS):
            data = form_data(client.get(url), "product_form")
            statuses.append(
                client.post(url, {**data, "description_en": f"Round {round_}.", "_continue": "1"}).status_code
            )

    def campaign_editor():
        client, url = logged_in("ben"), f"/admin/campaigns/campaign/{campaign.pk}/change/"
        for round_ in range(ROUNDS):
            data = form_data(client.get(url), "campaign_form")
            if data["campaignproduct_set-TOTAL_FORMS"] == "0":
                data |= {
                    "campaignproduct_set-TOTAL_FORMS": "1",
                    "campaignproduct_set-0-product": str(product.pk),
                    "campaignproduct_set-0-order": "0",
                }
            else:
                data["campaignproduct_set-0-DELETE"] = "on"
            statuses.append(client.post(url, {**data, "summary_en": f"Round {round_}.", "_continue": "1"}).status_code)

    run_together(product_editor, campaign_editor)
    assert set(statuses) == {302}
