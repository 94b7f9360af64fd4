"""Exports end to end: the command line and the admin, parsed back and compared with the database."""

import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import ExportLog
from products.demo import add_synthetic_products
from products.models import Product, Variant
from tests.core.exports_support import ADMIN_LISTS, body, csv_rows, export_file
from tests.factories import (
    AmbassadorFactory,
    BrandFactory,
    CampaignFactory,
    CampaignProductFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


def test_products_csv_matches_the_database(tmp_path, catalogue):
    rows = {row["slug"]: row for row in csv_rows(export_file(tmp_path, "products"))}
    assert set(rows) == set(Product.objects.values_list("slug", flat=True))
    bel_air = rows["bel-air"]
    assert bel_air["name"] == "Bel Air" and bel_air["brand"] == "Balenciaga"
    assert bel_air["colorways"] == "Beige; Black" and bel_air["sizes"] == "Small; Large"
    assert bel_air["features"] == "Logo-engraved metal twist lock"
    assert bel_air["materials"] == "Calfskin exterior"
    assert bel_air["min_price"].startswith("3900") and bel_air["currency"] == "EUR"
    assert bel_air["url"] == "http://127.0.0.1:8000/products/bel-air/"
    assert rows["draft-bag"]["status"] == "draft"


def test_variants_json_has_one_object_per_variant_with_numbers(tmp_path, catalogue):
    data = json.loads(export_file(tmp_path, "variants", "json").read_text())
    assert sorted(row["sku"] for row in data) == sorted(Variant.objects.values_list("sku", flat=True))
    assert all(isinstance(row["price"], float) and row["price"] == 3900.0 for row in data)
    assert {row["colorway"] for row in data} == {"Black", "Beige"}
    assert {row["availability"] for row in data} == {"In stock"}


def test_campaigns_and_ambassadors_xlsx_match_the_database(tmp_path, catalogue):
    sheet = openpyxl.load_workbook(export_file(tmp_path, "campaigns", "xlsx")).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["title"] == "Bel Air study" and row["ambassadors"] == "Kim Kardashian"
    assert row["featured_products"] == "Bel Air" and row["photographer"] == "Nadav Kander"
    assert row["launch_date"] == datetime.datetime(2024, 11, 1)
    people = openpyxl.load_workbook(export_file(tmp_path, "ambassadors", "xlsx")).active
    values = {cell.value for cell in people[2]}
    assert {"Kim Kardashian", 2024, "Bel Air study"} <= values


def test_command_filters_by_status_brand_and_since(tmp_path, catalogue):
    live = csv_rows(export_file(tmp_path, "products", "csv", "--status", "live"))
    assert [row["slug"] for row in live] == ["bel-air"]
    drafts = csv_rows(export_file(tmp_path, "products", "csv", "--status", "draft"))
    assert [row["slug"] for row in drafts] == ["draft-bag"]
    other = BrandFactory(name="Other House", slug="other-house")
    ProductFactory(slug="other-bag", brand=other)
    assert [row["slug"] for row in csv_rows(export_file(tmp_path, "products", "csv", "--brand", "other-house"))] == [
        "other-bag"
    ]
    Product.objects.filter(slug="bel-air").update(updated_at=timezone.now() - datetime.timedelta(days=30))
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    recent = {row["slug"] for row in csv_rows(export_file(tmp_path, "products", "csv", "--since", since))}
    assert "bel-air" not in recent and "other-bag" in recent
    variants = csv_rows(export_file(tmp_path, "variants", "csv", "--status", "live"))
    assert {row["product_slug"] for row in variants} == {"bel-air"}


def test_command_refuses_a_bad_date_clearly(tmp_path):
    with pytest.raises(CommandError, match="--since takes a date"):
        export_file(tmp_path, "products", "csv", "--since", "yesterday")


def test_command_writes_to_stdout_when_no_path(capsysbinary, catalogue):
    call_command("export", "ambassadors", "--format", "json")
    assert json.loads(capsysbinary.readouterr().out)[0]["name"] == "Kim Kardashian"


def test_command_reports_progress_on_stderr_and_logs_the_export(tmp_path, capsys, catalogue):
    export_file(tmp_path, "variants", "csv", "--status", "live")
    assert "rows/s" in capsys.readouterr().err
    log = ExportLog.objects.get()
    assert (log.source, log.dataset, log.file_format, log.rows, log.completed) == (
        "command",
        "variants",
        "csv",
        4,
        True,
    )
    assert log.filters == {"status": "live"} and log.user is None and "command line" in log.actor


def test_admin_export_follows_the_changelists_search_and_filters(exporter_client, catalogue):
    ProductFactory(name="Rodeo", slug="rodeo", family="Rodeo")
    rows = csv_rows(body(exporter_client.get(ADMIN_LISTS["products"] + "export/?format=csv&q=rodeo")))
    assert [row["slug"] for row in rows] == ["rodeo"]
    rows = csv_rows(body(exporter_client.get(ADMIN_LISTS["products"] + "export/?format=csv&visibility=draft&p=3")))
    assert [row["slug"] for row in rows] == ["draft-bag"]
    log = ExportLog.objects.latest("pk")
    assert log.actor == "pr-agency" and log.source == "admin" and log.filters == {"visibility": "Draft"}


def test_admin_export_is_a_download_that_streams(exporter_client, catalogue):
    response = exporter_client.get(ADMIN_LISTS["variants"] + "export/?format=xlsx")
    assert response.streaming
    assert 'attachment; filename="variants-' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert openpyxl.load_workbook(io.BytesIO(body(response))).active.max_row == 5


def test_admin_csv_for_excel_starts_with_a_bom(exporter_client, catalogue):
    assert body(exporter_client.get(ADMIN_LISTS["ambassadors"] + "export/?format=csv&bom=1")).startswith(
        b"\xef\xbb\xbf"
    )


@pytest.mark.parametrize("query", ["", "?format=pdf", "?format=csv&unknown_field=1"])
def test_admin_export_answers_bad_requests_with_400(exporter_client, catalogue, query):
    assert exporter_client.get(ADMIN_LISTS["products"] + "export/" + query).status_code == 400


def test_changelist_shows_export_links_that_keep_the_filters(exporter_client, catalogue):
    page = exporter_client.get(ADMIN_LISTS["products"] + "?q=bel").content.decode()
    assert 'href="export/?q=bel&amp;format=csv"' in page
    assert 'href="export/?q=bel&amp;format=csv&amp;bom=1"' in page
    assert 'href="export/?q=bel&amp;format=xlsx"' in page


def test_export_selected_action_exports_only_the_selection(admin_client, catalogue):
    others = [ProductFactory() for _ in range(3)]
    response = admin_client.post(
        ADMIN_LISTS["products"],
        {"action": "export_selected_json", "_selected_action": [catalogue.pk, others[0].pk]},
    )
    assert {row["slug"] for row in json.loads(body(response))} == {catalogue.slug, others[0].slug}


@pytest.mark.parametrize("dataset", sorted(ADMIN_LISTS))
def test_permission_matrix(client, catalogue, dataset):
    url = ADMIN_LISTS[dataset] + "export/?format=csv"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    staff = User.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert "Export CSV" not in client.get(ADMIN_LISTS[dataset]).content.decode()  # 403 page, no links

    exporter = User.objects.create_user("exporter", password="x", is_staff=True)
    exporter.groups.add(Group.objects.get(name="Exporters"))
    client.force_login(exporter)
    assert client.get(url).status_code == 200
    assert "Export CSV" in client.get(ADMIN_LISTS[dataset]).content.decode()

    client.force_login(User.objects.create_superuser("boss", password="x"))
    assert client.get(url).status_code == 200


def test_viewers_without_export_permission_see_no_export_links_or_actions(client, catalogue):
    from django.contrib.auth.models import Permission

    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_product"))
    client.force_login(viewer)
    page = client.get(ADMIN_LISTS["products"]).content.decode()
    assert "Export CSV" not in page and "export_selected_csv" not in page


def test_an_interrupted_download_is_logged_as_incomplete(exporter_client, catalogue):
    response = exporter_client.get(ADMIN_LISTS["variants"] + "export/?format=json")
    next(iter(response.streaming_content))
    # The browser went away: the server stops iterating and closes the stream. The
    # test client's wrapper around the stream closes the response as a server would,
    # keeping the test's database connection open.
    response._iterator.close()
    log = ExportLog.objects.latest("pk")
    assert log.completed is False


@pytest.mark.parametrize("dataset", sorted(ADMIN_LISTS))
def test_queries_per_export_do_not_grow_with_the_rows(admin_client, dataset):
    def add(count):
        add_synthetic_products(count)
        for product in Product.objects.order_by("-pk")[:3]:
            campaign = CampaignFactory()
            campaign.ambassadors.add(AmbassadorFactory())
            CampaignProductFactory(campaign=campaign, product=product)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            body(admin_client.get(ADMIN_LISTS[dataset] + "export/?format=csv"))
        return len(captured)

    add(10)
    small = queries()
    add(990)
    assert Product.objects.count() >= 1000
    assert queries() == small


# --- Times, visibility, readable log, terminals and order (issue 10, "Trust") ---------------------------------
