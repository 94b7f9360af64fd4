"""Exports in a language: `export --language fr` and the admin's export in the editor's language write French
names where they exist and English where they do not yet."""

import pytest

from products.models import Colorway
from tests.core.exports_support import body, csv_rows, export_file
from tests.factories import full_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def rodeo():
    product = full_product(name="Rodeo")
    black = Colorway.objects.get(slug="black")
    black.name_fr = "Noir"
    black.save()
    return product


def colours(rows):
    return sorted({row["colorway"] for row in rows})


def test_the_command_writes_the_language_asked_for_and_english_where_nothing_is_translated(tmp_path, rodeo):
    assert colours(csv_rows(export_file(tmp_path, "variants"))) == ["Beige", "Black"]
    assert colours(csv_rows(export_file(tmp_path, "variants", "csv", "--language", "fr"))) == ["Beige", "Noir"]
    [product] = csv_rows(export_file(tmp_path, "products", "csv", "--language", "fr"))
    assert product["colorways"] == "Beige; Noir"


def test_the_admin_export_is_in_the_editor_s_language(admin_client, rodeo):
    response = admin_client.get("/admin/products/variant/export/?format=csv", headers={"accept-language": "fr"})
    assert colours(csv_rows(body(response))) == ["Beige", "Noir"]
    response = admin_client.get("/admin/products/variant/export/?format=csv", headers={"accept-language": "en"})
    assert colours(csv_rows(body(response))) == ["Beige", "Black"]


def test_an_unknown_language_is_refused(tmp_path, rodeo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        export_file(tmp_path, "variants", "csv", "--language", "xx")
