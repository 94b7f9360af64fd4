"""WCAG 2.2 AA in real Chromium: axe-core on every page type, at phone and desktop widths.

Fails on any serious or critical violation, on a page that scrolls sideways, on
a skip link that is not the first stop of the keyboard, and on a focus ring
that cannot be seen.
"""

import pytest

from tests.test_browser import CHROMIUM, FLAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = {
    "home": "/",
    "catalogue": "/products/",
    "filtered catalogue": "/products/?colorway=ivory&sort=price",
    "product": "/products/bel-air/",
    "collection": "/collections/balenciaga-fall-2024/",
    "campaigns": "/campaigns/",
    "campaign": "/campaigns/kim-kardashian-bel-air/",
    "series": "/campaigns/series/characters/",
    "ambassadors": "/ambassadors/",
    "ambassador": "/ambassadors/michelle-yeoh/",
    "search": "/search/?q=bel+air",
    "search without results": "/search/?q=zzzz",
    "not found": "/products/no-such-bag/",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
# Each page in the default language, in French, and in a right-to-left language added by settings alone.
LANGUAGES = {"en": "", "fr": "/fr", "ar": "/ar"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@pytest.fixture
def site(transactional_db, live_server):
    from django.core.management import call_command

    call_command("load_demo")
    return live_server.url


def problems_on(page):
    """Serious and critical axe violations, plus sideways scrolling, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append("the page scrolls sideways")
    return found


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_type_passes_axe(site, width, language, settings):
    from playwright.sync_api import sync_playwright

    if language == "ar":
        settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]
    failures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        w, h = WIDTHS[width]
        context = browser.new_context(viewport={"width": w, "height": h}, base_url=site)
        page = context.new_page()
        for name, url in PAGES.items():
            page.goto(LANGUAGES[language] + url)
            assert page.locator("html").get_attribute("lang") == language, url
            assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr"), url
            if problems := problems_on(page):
                failures[name] = problems
        page.wait_for_load_state("networkidle")
        context.close()
        browser.close()
    assert failures == {}


def test_the_keyboard_reaches_the_skip_link_first_and_sees_where_it_is(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(base_url=site)
        page.goto("/products/")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const el = document.activeElement; const style = getComputedStyle(el);"
            " return {text: el.textContent.trim(), href: el.getAttribute('href'),"
            " outline: style.outlineStyle, width: parseFloat(style.outlineWidth),"
            " top: el.getBoundingClientRect().top}; })()"
        )
        assert focused["text"] == "Skip to content" and focused["href"] == "#main"
        assert focused["outline"] != "none" and focused["width"] >= 2, "a visible focus ring"
        assert focused["top"] >= 0, "the skip link comes into view when focused"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null"), "skipping lands in the content"
        # Filters work from the keyboard alone: tab to a colour, tick it with Space, submit with Enter.
        page.get_by_label("Ivory").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Show products").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**colorway=ivory**")
        assert page.get_by_role("heading", name="2 products").is_visible()
        browser.close()
