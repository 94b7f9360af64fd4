"""Odd admin input gives a form error, Django's "invalid filter" page or a 404: never a 500, never a hang.

Every registered admin is walked: its changelist and export with hostile query
strings, its change form posted with hostile values in every field at once, its
history URLs with ids that are not ids. Runs on SQLite and PostgreSQL (CI).
"""

import datetime
import re

import pytest
from django.contrib import admin
from django.utils import timezone

from campaigns.models import Launch
from core.exports.admin import ExportableAdmin
from core.exports.datasets import exporter_for_model
from core.models import ShareLink
from tests.browser_forms import form_data
from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CampaignProductFactory,
    CollectionFactory,
    full_product,
)

pytestmark = pytest.mark.django_db

OURS = ("products", "campaigns", "core")
HUGE = "99999999999999999999"
HOSTILE_QUERIES = [
    f"debut_date__year={HUGE}",
    "created_at__year=99999999999",
    "debut_date__year=2024&debut_date__month=13",
    "launch_date__year=2024&launch_date__month=1&launch_date__day=0",
    f"brand={HUGE}",
    "category=abc",
    f"brand__id__exact={HUGE}",
    "category__id__exact=abc",
    "q=bel%00air",
    "family=a%00",
    "o=abc",
    f"p={HUGE}",
    "visibility=nonsense",
]


@pytest.fixture
def world(admin_user):
    """One of everything the admin edits."""
    product = full_product(collection=CollectionFactory())
    campaign = CampaignFactory()
    campaign.ambassadors.add(AmbassadorFactory())
    CampaignProductFactory(campaign=campaign, product=product)
    Launch.objects.create(name="Launch", campaign=campaign, go_live_at=timezone.now() + datetime.timedelta(days=3))
    ShareLink.objects.create(subject=product, created_by=admin_user)
    return product


def admins():
    return [model_admin for model, model_admin in admin.site._registry.items() if model._meta.app_label in OURS]


def changelist(model_admin):
    opts = model_admin.opts
    return f"/admin/{opts.app_label}/{opts.model_name}/"


def no_server_error(response):
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code < 500


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_changelist_filters_give_the_list_or_django_s_invalid_filter_page(admin_client, world, query):
    """A changelist ignores what it cannot use (200) or sends to Django's "invalid filter" page (?e=1); its
    export gives the file or a 400 saying why, never a 500."""
    for model_admin in admins():
        url = changelist(model_admin)
        response = admin_client.get(f"{url}?{query}")
        assert response.status_code == 200 or response["Location"] == f"{url}?e=1", (url, response.status_code)
        if isinstance(model_admin, ExportableAdmin):
            response = admin_client.get(f"{url}export/?format=csv&{query}")
            assert response.status_code in (200, 400), url
            if response.status_code == 200:
                header = b"".join(response.streaming_content).decode().splitlines()[0]
                assert header.split(",") == [str(name) for name in exporter_for_model(model_admin.model)().header], url


def test_an_out_of_range_filter_leads_to_django_s_invalid_filter_page(admin_client, world):
    response = admin_client.get(f"/admin/products/product/?debut_date__year={HUGE}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


@pytest.mark.parametrize("term", ["bel\x00air", "\x00", "x" * 5000])
def test_autocomplete_takes_any_term(admin_client, world, term):
    for field in ("product", "brand"):
        params = {"term": term, "app_label": "campaigns", "model_name": "campaignproduct", "field_name": field}
        if field == "brand":
            params |= {"model_name": "ambassador"}
        response = admin_client.get("/admin/autocomplete/", params)
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("suffix", "status"),
    [("abc/history/", 404), ("{pk}/history/abc/", 404), (f"{{pk}}/history/{HUGE}/", 404), (f"{HUGE}/change/", 302)],
)
def test_ids_that_are_not_ids_answer_404(admin_client, world, suffix, status):
    """A 404, or for the change view Django's own answer to a missing item: back to the list with a message."""
    url = f"/admin/products/product/{suffix.format(pk=world.pk)}"
    assert admin_client.get(url).status_code == status


def hostile(data, value):
    """Every choice and date of a form replaced by `value`: selects get keys, split dates get the date."""
    changed = dict(data)
    for name, current in data.items():
        if name.startswith("_") or name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
            continue
        if name.endswith("_0") and re.fullmatch(r"\d{4}-\d\d-\d\d", str(current) or "2024-01-01"):
            changed[name] = value["date"]
        elif name.endswith("_1") and name[:-2] + "_0" in data:
            changed[name] = "00:00:00"
        elif isinstance(current, list) or str(current).isdigit():
            changed[name] = value["key"]
    return changed


HOSTILE_VALUES = {
    "huge keys, year 1": {"key": HUGE, "date": "0001-01-01"},
    "words as keys, year 9999": {"key": "abc", "date": "9999-12-31"},
}


@pytest.mark.parametrize("values", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_values_in_every_field_of_every_change_form_are_form_errors(admin_client, world, values):
    for model_admin in admins():
        item = model_admin.model._default_manager.first()
        if item is None:  # the export log: written by exports only
            continue
        url = f"{changelist(model_admin)}{item.pk}/change/"
        data = form_data(admin_client.get(url), f"{model_admin.opts.model_name}_form")
        if not data:  # read-only (the export log)
            continue
        attacked = hostile(data, values)
        response = admin_client.post(url, {**attacked, "_save": "Save"})
        if attacked == data:  # nothing to attack (a brand: text only)
            assert response.status_code == 302, url
        else:
            assert response.status_code == 200, url
            assert "errornote" in response.content.decode(), url


def test_a_forged_form_count_is_refused_without_building_100_000_forms(admin_client, world):
    url = f"/admin/products/product/{world.pk}/change/"
    data = form_data(admin_client.get(url), "product_form")
    response = admin_client.post(url, {**data, "variants-TOTAL_FORMS": "100000", "_save": "Save"})
    assert response.status_code == 200
    assert "Please submit at most 300 forms" in response.content.decode()


def test_a_publishing_date_in_year_1_is_a_form_error(admin_client, world):
    url = f"/admin/products/product/{world.pk}/change/"
    data = form_data(admin_client.get(url), "product_form")
    response = admin_client.post(url, {**data, "publish_at_0": "0001-01-01", "publish_at_1": "00:00:00", "_save": "1"})
    assert response.status_code == 200
    assert "Pick a moment between 1970 and 2999" in response.content.decode()


@pytest.mark.parametrize("selected", ["abc", "1.5", "1\x00", HUGE])
def test_an_action_on_ids_that_are_not_ids_is_a_message(admin_client, world, selected):
    for action in ("publish", "export_selected_csv", "delete_selected"):
        data = {"action": action, "_selected_action": [selected]}
        response = admin_client.post("/admin/products/product/", data, follow=True)
        assert response.status_code == 200
        assert "could not be found" in response.content.decode()


def test_an_editable_list_row_whose_id_is_not_an_id_is_a_message(admin_client, world):
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": HUGE, "form-0-family": "x", "_save": "1"}
    response = admin_client.post("/admin/products/product/", data, follow=True)
    assert response.status_code == 200 and "could not be found" in response.content.decode()


def test_generating_variants_with_a_key_that_is_not_a_key_is_a_form_error(admin_client, world):
    url = f"/admin/products/product/{world.pk}/variants/generate/"
    response = admin_client.post(url, {"colorways": [HUGE], "sizes": ["abc"], "price": "100", "currency": "EUR"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
