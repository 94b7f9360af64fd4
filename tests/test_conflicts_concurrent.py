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
from tests.factories import full_product

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
                response = client.post(url, {**data, field: value, "_continue": "1"})
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
