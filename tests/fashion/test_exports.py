"""Exports end to end: the command line and the admin, parsed back and compared with the database."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fashion.models import ExportLog
from products.demo import add_synthetic_products
from products.models import Product, Variant
from tests.factories import (
    AmbassadorFactory,
    BrandFactory,
    CampaignFactory,
    CampaignProductFactory,
    ProductFactory,
    full_product,
)

pytestmark = pytest.mark.django_db

ADMIN_LISTS = {
    "products": "/admin/products/product/",
    "variants": "/admin/products/variant/",
    "campaigns": "/admin/campaigns/campaign/",
    "ambassadors": "/admin/campaigns/ambassador/",
}


def export_file(tmp_path, dataset, file_format="csv", *options):
    path = tmp_path / f"{dataset}.{file_format}"
    call_command("export", dataset, "--format", file_format, "--output", str(path), *options)
    return path


def csv_rows(path_or_bytes):
    text = (
        path_or_bytes.read_text("utf-8-sig")
        if hasattr(path_or_bytes, "read_text")
        else path_or_bytes.decode("utf-8-sig")
    )
    return list(csv.DictReader(io.StringIO(text, newline="")))


def body(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


@pytest.fixture
def catalogue():
    bel_air = full_product(name="Bel Air", slug="bel-air")
    ProductFactory(name="Draft bag", slug="draft-bag", draft=True)
    kim = AmbassadorFactory(name="Kim Kardashian", slug="kim-kardashian")
    campaign = CampaignFactory(title="Bel Air study", slug="bel-air-study")
    campaign.ambassadors.add(kim)
    CampaignProductFactory(campaign=campaign, product=bel_air, order=1)
    return bel_air


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


@pytest.fixture
def exporter_client(client):
    user = User.objects.create_user("pr-agency", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Exporters"))
    client.force_login(user)
    return client


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
    page = admin_client.get("/admin/fashion/exportlog/").content.decode()
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
    import fashion.exports.datasets

    monkeypatch.setattr(fashion.exports.datasets, "CHUNK_SIZE", 3)
    with CaptureQueriesContext(connection) as captured:
        rows = csv_rows(export_file(tmp_path, "products"))
    assert [(row["name"], row["features"]) for row in rows] == [
        (name, f"{name} feature") for name in ("Alpha", "Bravo", "Charlie", "Delta")
    ]
    children = [query for query in captured if "products_feature" in query["sql"]]
    assert len(children) == 2, "one query per chunk of parents, not one per row"


@pytest.mark.parametrize(
    "query",
    [
        "format=csv&q=%00",
        "format=csv&q=" + "x" * 5000,
        "format=csv&o=99",
        "format=csv&o=abc",
        "format=csv&category__id__exact=99999999999999999999999",
        "format=csv&category__id__exact=%00",
        "format=csv&visibility=%00",
        "format=xlsx%00",
        "format=csv&p=-1&e=%00",
    ],
)
def test_odd_export_requests_never_fail_with_a_server_error(exporter_client, catalogue, query):
    response = exporter_client.get(ADMIN_LISTS["products"] + "export/?" + query)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        csv_rows(body(response))


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
