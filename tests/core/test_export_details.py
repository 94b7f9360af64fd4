"""Exports in detail: times and their zone, visibility, the readable log, terminals, row order, odd input."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import ExportLog
from tests.core.exports_support import ADMIN_LISTS, body, csv_rows, export_file
from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


WINTER = datetime.datetime(2024, 3, 5, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Paris
NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def every_visibility():
    """One product per visibility word, each with a variant, named for what visitors see."""
    from tests.factories import VariantFactory

    products = {
        "live": ProductFactory(name="Live bag", slug="live-bag", publish_at=WINTER),
        "scheduled": ProductFactory(name="Scheduled bag", slug="scheduled-bag", publish_at=NOW + 24 * HOUR),
        "expired": ProductFactory(name="Expired bag", slug="expired-bag", unpublish_at=NOW - HOUR),
        "draft": ProductFactory(name="Draft bag", slug="draft-bag", draft=True),
    }
    for product in products.values():
        VariantFactory(product=product, sku=f"SKU-{product.slug}")
    return products


def test_csv_and_json_exports_write_times_in_house_time_with_the_offset(tmp_path, every_visibility, settings):
    settings.TIME_ZONE = "Europe/Paris"
    rows = {row["slug"]: row for row in csv_rows(export_file(tmp_path, "products"))}
    assert rows["live-bag"]["publish_at"] == "2024-03-05T10:00:00+01:00"
    data = {row["slug"]: row for row in json.loads(export_file(tmp_path, "products", "json").read_text())}
    assert data["live-bag"]["publish_at"] == "2024-03-05T10:00:00+01:00"


def test_xlsx_exports_name_the_zone_of_their_time_columns(tmp_path, every_visibility, settings):
    settings.TIME_ZONE = "Europe/Paris"
    for dataset in ("products", "campaigns", "ambassadors"):
        header = [cell.value for cell in openpyxl.load_workbook(export_file(tmp_path, dataset, "xlsx")).active[1]]
        assert "publish_at (Europe/Paris)" in header and "unpublish_at (Europe/Paris)" in header, dataset
    sheet = openpyxl.load_workbook(export_file(tmp_path, "products", "xlsx")).active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, [cell.value for cell in row], strict=True)) for row in sheet.iter_rows(min_row=2)]
    live = next(row for row in rows if row["slug"] == "live-bag")
    assert live["publish_at (Europe/Paris)"] == datetime.datetime(2024, 3, 5, 10, 0)


def test_products_and_variants_say_whether_visitors_see_them(tmp_path, every_visibility):
    products = {row["slug"]: row["visibility"] for row in csv_rows(export_file(tmp_path, "products"))}
    assert products == {slug: product.visibility() for slug, product in _by_slug(every_visibility).items()}
    assert products == {
        "live-bag": "live",
        "scheduled-bag": "scheduled",
        "expired-bag": "expired",
        "draft-bag": "draft",
    }
    variants = {row["sku"]: row["visibility"] for row in csv_rows(export_file(tmp_path, "variants"))}
    assert variants == {f"SKU-{slug}": word for slug, word in products.items()}


def _by_slug(products):
    return {product.slug: product for product in products.values()}


def test_campaigns_and_ambassadors_say_whether_visitors_see_them(tmp_path):
    CampaignFactory(slug="soon", publish_at=NOW + HOUR)
    CampaignFactory(slug="now")
    AmbassadorFactory(slug="gone", publish_at=NOW - 2 * HOUR, unpublish_at=NOW - HOUR)
    AmbassadorFactory(slug="hidden", draft=True)
    campaigns = {row["slug"]: row["visibility"] for row in csv_rows(export_file(tmp_path, "campaigns"))}
    assert campaigns == {"soon": "scheduled", "now": "live"}
    people = {row["slug"]: row["visibility"] for row in csv_rows(export_file(tmp_path, "ambassadors"))}
    assert people == {"gone": "expired", "hidden": "draft"}


def test_the_export_log_keeps_filters_as_labels_and_values(exporter_client, admin_client, catalogue):
    from tests.factories import CategoryFactory

    handbags = CategoryFactory(name="Handbags", slug="handbags")
    ProductFactory(name="Bel Air Hobo", slug="bel-air-hobo", category=handbags)
    query = f"format=csv&category__id__exact={handbags.pk}&visibility=live&q=bel+air"
    rows = csv_rows(body(exporter_client.get(ADMIN_LISTS["products"] + "export/?" + query)))
    assert [row["slug"] for row in rows] == ["bel-air-hobo"]
    log = ExportLog.objects.latest("pk")
    assert log.filters == {"category": "Handbags", "visibility": "Live", "search": "bel air"}
    page = admin_client.get("/admin/core/exportlog/").content.decode()
    assert "Handbags" in page and "bel air" in page and "category__id__exact" not in page


def test_the_export_log_of_a_selection_says_how_many_were_ticked(admin_client, catalogue):
    body(
        admin_client.post(
            ADMIN_LISTS["products"], {"action": "export_selected_csv", "_selected_action": [catalogue.pk]}
        )
    )
    assert ExportLog.objects.latest("pk").filters == {"selected": 1}


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Pipe(io.TextIOWrapper):
    def __init__(self):
        super().__init__(io.BytesIO(), encoding="utf-8")


def test_command_refuses_to_write_xlsx_to_a_terminal(catalogue):
    with pytest.raises(CommandError, match="--output"):
        call_command("export", "products", "--format", "xlsx", stdout=Terminal())
    assert not ExportLog.objects.exists()


def test_command_writes_xlsx_to_a_pipe_or_redirect(catalogue):
    pipe = Pipe()
    call_command("export", "products", "--format", "xlsx", stdout=pipe)
    pipe.flush()
    book = openpyxl.load_workbook(io.BytesIO(pipe.buffer.getvalue()))
    assert book.active.max_row == 3


def test_command_still_writes_text_formats_to_a_terminal(catalogue):
    terminal = Terminal()
    call_command("export", "ambassadors", "--format", "json", stdout=terminal)
    assert json.loads(terminal.getvalue())[0]["name"] == "Kim Kardashian"


@pytest.fixture
def shuffled_catalogue():
    """Products whose name order, debut order and id order all differ, each with its own feature."""
    from tests.factories import FeatureFactory

    made = []
    for name, year in (("Charlie", 2021), ("Alpha", 2023), ("Bravo", 2022), ("Delta", 2020)):
        product = ProductFactory(name=name, slug=name.lower(), debut_date=datetime.date(year, 1, 1))
        FeatureFactory(product=product, text=f"{name} feature")
        made.append(product)
    return made


def test_admin_export_rows_follow_the_changelists_default_order(exporter_client, shuffled_catalogue):
    rows = csv_rows(body(exporter_client.get(ADMIN_LISTS["products"] + "export/?format=csv")))
    assert [row["name"] for row in rows] == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert all(row["features"] == f"{row['name']} feature" for row in rows)


@pytest.mark.parametrize(
    ("sort", "names"),
    [
        ("-2", ["Delta", "Charlie", "Bravo", "Alpha"]),
        ("7", ["Delta", "Charlie", "Bravo", "Alpha"]),
        ("-7", ["Alpha", "Bravo", "Charlie", "Delta"]),
    ],
)
def test_admin_export_rows_follow_the_changelists_sort(exporter_client, shuffled_catalogue, sort, names):
    rows = csv_rows(body(exporter_client.get(ADMIN_LISTS["products"] + f"export/?format=csv&o={sort}")))
    assert [row["name"] for row in rows] == names
    assert all(row["features"] == f"{row['name']} feature" for row in rows)
    assert "o" not in ExportLog.objects.latest("pk").filters


def test_export_selected_rows_follow_the_changelists_sort(admin_client, shuffled_catalogue):
    ticked = [product.pk for product in shuffled_catalogue[:3]]  # Charlie, Alpha, Bravo
    response = admin_client.post(
        ADMIN_LISTS["products"] + "?o=-2", {"action": "export_selected_json", "_selected_action": ticked}
    )
    assert [row["name"] for row in json.loads(body(response))] == ["Charlie", "Bravo", "Alpha"]


def test_command_line_rows_come_in_the_models_default_order(tmp_path, shuffled_catalogue):
    assert [row["name"] for row in csv_rows(export_file(tmp_path, "products"))] == [
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
    ]


def test_list_columns_stay_with_their_row_across_chunks(tmp_path, shuffled_catalogue, monkeypatch):
    """Children are fetched per chunk of parents: a chunk boundary must not shift or drop them."""
    import core.exports.datasets

    monkeypatch.setattr(core.exports.datasets, "CHUNK_SIZE", 3)
    with CaptureQueriesContext(connection) as captured:
        rows = csv_rows(export_file(tmp_path, "products"))
    assert [(row["name"], row["features"]) for row in rows] == [
        (name, f"{name} feature") for name in ("Alpha", "Bravo", "Charlie", "Delta")
    ]
    children = [query for query in captured if "products_feature" in query["sql"]]
    assert len(children) == 2, "one query per chunk of parents, not one per row"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("format=csv&q=%00", 400),
        ("format=csv&q=" + "x" * 5000, 200),
        ("format=csv&o=99", 200),
        ("format=csv&o=abc", 200),
        ("format=csv&category__id__exact=99999999999999999999999", 400),
        ("format=csv&category__id__exact=%00", 400),
        ("format=csv&visibility=%00", 400),
        ("format=xlsx%00", 400),
        ("format=csv&p=-1&e=%00", 200),
    ],
)
def test_odd_export_requests_give_the_file_or_say_why_not(exporter_client, catalogue, query, status):
    """An ordering or page the changelist ignores is ignored by its export too; a filter or format it cannot use
    is a 400 that says so."""
    response = exporter_client.get(ADMIN_LISTS["products"] + "export/?" + query)
    assert response.status_code == status
    if status == 200:
        assert body(response).decode("utf-8-sig").startswith("brand,collection,category,")
    else:
        assert response.content.decode() in (
            "These filters are not valid for this list.",
            "Choose a format: csv, json or xlsx.",
        )


@pytest.mark.parametrize(
    "options",
    [
        ["--brand", "bal\x00enciaga"],
        ["--since", "9" * 5000],
        ["--since", "2024-02-30"],
        ["--status", "secret"],
        ["--output", "/nonexistent-folder/products.csv"],
        ["--output", "products\x00.csv"],
    ],
)
def test_odd_command_line_input_is_a_clear_error(catalogue, options):
    with pytest.raises(CommandError):
        call_command("export", "products", "--format", "csv", *options)
