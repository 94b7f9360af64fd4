"""A visitor's walk in real Chromium: home → catalogue → filter → product → campaign → ambassador."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from PIL import Image

# serialized_rollback: transactional tests flush the database; this brings back what
# migrations created (the Exporters group).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "a long test password"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo")


@pytest.fixture
def editor(demo, django_user_model):
    django_user_model.objects.create_superuser("editor", password=PASSWORD)


@pytest.fixture
def exporter(demo, django_user_model):
    user = django_user_model.objects.create_user("pr-agency", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Exporters"))


@pytest.fixture
def page(demo, live_server):
    """A phone-sized Chromium page on the live server.

    Playwright's sync API runs an event loop in this thread, and Django refuses
    ORM calls while one runs (a connection made there would also outlive the
    test): set data up in fixtures requested before `page`, not in the test body.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        yield page
        # Let in-flight requests finish, so no server thread still holds a
        # database connection when the test database is dropped.
        page.wait_for_load_state("networkidle")
        context.close()
        browser.close()
    assert errors == [], f"browser console errors (CSP?): {errors}"


def test_a_visitor_walks_from_home_to_an_ambassador(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kim Kardashian and the Bel Air"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Catalogue").click()
    page.wait_for_url("**/products/")
    assert page.get_by_role("heading", name="3 products").is_visible()

    page.get_by_label("Ivory").check()
    page.get_by_role("button", name="Show products").click()
    page.wait_for_url("**/products/?*colorway=ivory*")
    assert page.get_by_role("heading", name="2 products").is_visible()
    assert page.get_by_role("link", name="Rodeo").count() == 0

    page.get_by_role("link", name="Bel Air Hobo").first.click()
    page.wait_for_url("**/products/bel-air-hobo/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bel Air Hobo"
    assert page.get_by_text("Logo-engraved metal twist lock", exact=True).is_visible()
    image = page.locator(".gallery img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "product picture did not load"

    page.get_by_role("link", name="Kim Kardashian and the Bel Air").first.click()
    page.wait_for_url("**/campaigns/kim-kardashian-bel-air/")
    assert page.get_by_text("photographed by Nadav Kander").is_visible()

    page.get_by_role("link", name="Kim Kardashian", exact=True).first.click()
    page.wait_for_url("**/ambassadors/kim-kardashian/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kim Kardashian"
    assert "appointed in 2024" in page.content()
    # Nothing scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_skip_link_is_the_first_stop_for_a_keyboard(page):
    page.goto("/products/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"


def log_in(page, username, password):
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_an_editor_uses_the_admin_without_script_errors(editor, page):
    """The CSP must not break the admin's own scripts (inlines, autocomplete, prepopulated slugs)."""
    log_in(page, "editor", PASSWORD)
    page.goto("/admin/products/product/add/")
    page.get_by_label("Name [en]:").press_sequentially("Le Cagole")
    assert page.get_by_label("Slug [en]:").input_value() == "le-cagole", "prepopulated slug did not run"
    # The inline's "add" control is made by the admin's JavaScript, so it exists only if scripts ran.
    page.get_by_text("Add another Variant").click()
    assert page.locator("#variants-0").count() == 1, "inline JavaScript did not run"


def test_an_exporter_downloads_what_the_changelist_shows(exporter, page):
    log_in(page, "pr-agency", PASSWORD)
    page.goto("/admin/products/product/?q=hobo")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV", exact=True).click()
    text = Path(download.value.path()).read_text("utf-8")
    slugs = [row["slug"] for row in csv.DictReader(io.StringIO(text))]
    assert slugs == ["bel-air-hobo"]

    page.goto("/admin/products/product/")
    page.locator("input[name=_selected_action]").first.check()
    page.get_by_label("Action:").select_option("export_selected_json")
    with page.expect_download() as download:
        page.get_by_role("button", name="Run").click()
    assert len(json.loads(Path(download.value.path()).read_text("utf-8"))) == 1


@pytest.fixture
def publisher(demo, django_user_model):
    user = django_user_model.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Publishers"))


@pytest.fixture
def picture_file(tmp_path):
    path = tmp_path / "le-cagole-front.jpg"
    Image.new("RGB", (1200, 1500), "#2b2b2b").save(path, "JPEG")
    return path


def choose(page, field_id, text):
    """Pick `text` in the admin's autocomplete (select2) widget for `field_id`."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_editor_builds_schedules_and_previews_a_product(publisher, page, picture_file):
    log_in(page, "publisher", PASSWORD)
    page.goto("/admin/products/product/add/")
    choose(page, "id_brand", "Balenciaga")
    page.get_by_label("Name [en]:").press_sequentially("Le Cagole")
    choose(page, "id_category", "Totes")
    page.get_by_text("Add another Image").click()
    page.locator("input[name=images-0-image]").set_input_files(str(picture_file))
    page.locator("input[name=images-0-alt_text_en]").fill("The Le Cagole in black, from the front")
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_url("**/change/")
    assert page.get_by_text("was added successfully").is_visible()

    page.locator("select[name=CHANGE_FORM-action]").select_option("generate_variants")
    actions = page.locator("div.actions").filter(has=page.locator("select[name=CHANGE_FORM-action]"))
    actions.get_by_role("button", name="Run").click()
    page.wait_for_url("**/variants/generate/")
    for label in ("Black", "Ivory", "Small", "Large"):
        page.get_by_label(label, exact=True).check()
    page.get_by_label("Base price:").fill("2900")
    page.get_by_role("button", name="Generate variants").click()
    page.wait_for_url("**/change/")
    assert "4 variants created." in page.locator(".messagelist").inner_text()

    page.goto("/admin/campaigns/launch/add/")
    page.get_by_label("Name:").fill("Le Cagole drop")
    choose(page, "id_campaign", "Kim Kardashian and the Bel Air")
    choose(page, "id_products", "Le Cagole")
    page.locator("#id_go_live_at_0").fill("2099-01-15")
    page.locator("#id_go_live_at_1").fill("10:00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/campaigns/launch/")
    assert "items go live at" in page.locator(".messagelist").inner_text()

    page.goto("/products/le-cagole/")
    assert page.get_by_text("Preview, not public").is_visible()
    assert page.locator(".gallery picture img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.get_by_text("Ivory").first.is_visible()


@pytest.fixture
def export_logged(demo):
    from core.models import ExportLog

    ExportLog.objects.create(
        actor="editor", source="admin", dataset="variants", file_format="csv", filters={"category": "Handbags"}
    )


@pytest.mark.parametrize("width", [1280, 1440])
def test_wide_admin_tables_keep_every_column_within_reach(editor, export_logged, page, width):
    """The variants inline, the product list and the export log once hid their last columns at these widths."""
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "editor", PASSWORD)
    page.goto("/admin/products/product/?q=bel")
    for column in ("Category", "Collection", "Debut date", "Visibility"):
        assert_within_window(page, page.locator("#result_list thead th", has_text=column), width)
    page.goto("/admin/products/product/")
    page.get_by_role("link", name="Bel Air", exact=True).click()
    for column in ("Price", "Currency", "Availability", "Delete?"):
        assert_within_window(page, page.locator("#variants-group thead th", has_text=column).first, width)
    page.goto("/admin/core/exportlog/")
    assert_within_window(page, page.locator("#result_list thead th").last, width)
    page.goto("/admin/products/product/")
    page.get_by_role("link", name="Bel Air", exact=True).click()
    page.get_by_role("link", name="History").click()
    page.get_by_role("link", name="Compare versions").click()
    assert page.locator("ol.breadcrumbs").count() == 1


def assert_within_window(page, locator, width):
    box = locator.bounding_box()
    assert box is not None and box["width"] > 0, "the column is rendered"
    assert box["x"] + box["width"] <= width, f"{locator} ends at {box['x'] + box['width']:.0f} px of {width}"
