"""Public addresses carry the language: `/fr/…` for French, the default language unprefixed; every page names its
versions (`hreflang`), the switcher keeps the visitor where they are, and sitemaps, feeds and structured data say
which language they are in."""

import json
import re

import pytest
from django.test import Client

from core.models import ShareLink
from core.preview import share_token
from core.publishing import Status
from tests.factories import AmbassadorFactory, CampaignFactory, CollectionFactory, SeriesFactory, full_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    product = full_product(name="Bel Air", slug="bel-air", collection=CollectionFactory())
    series = SeriesFactory(slug="characters")
    campaign = CampaignFactory(series=series, slug="kim-kardashian-bel-air")
    campaign.products.add(product)
    ambassador = AmbassadorFactory(slug="michelle-yeoh")
    return {
        "home": "/",
        "catalogue": "/products/",
        "product": product.get_absolute_url(),
        "collection": product.collection.get_absolute_url(),
        "campaigns": "/campaigns/",
        "campaign": campaign.get_absolute_url(),
        "series": series.get_absolute_url(),
        "ambassadors": "/ambassadors/",
        "ambassador": ambassador.get_absolute_url(),
        "search": "/search/?q=bel",
    }


def html_lang(body):
    return re.search(r'<html lang="([^"]+)" dir="([^"]+)"', body).groups()


def alternates(body):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body))


def test_every_page_type_answers_in_french_under_fr_and_in_english_unprefixed(client, site):
    for name, url in site.items():
        english = client.get(url)
        french = client.get("/fr" + url)
        assert english.status_code == french.status_code == 200, name
        assert html_lang(english.content.decode()) == ("en", "ltr"), name
        assert html_lang(french.content.decode()) == ("fr", "ltr"), name


def test_every_page_lists_its_versions_in_each_language_and_a_default(client, site):
    for name, url in site.items():
        path = url.split("?")[0]
        for prefix in ("", "/fr"):
            body = client.get(prefix + url).content.decode()
            assert alternates(body) == {
                "en": f"http://testserver{path}",
                "fr": f"http://testserver/fr{path}",
                "x-default": f"http://testserver{path}",
            }, name
            assert '<meta property="og:locale" content="%s">' % ("fr" if prefix else "en") in body


def test_the_switcher_keeps_the_visitor_on_the_same_page_with_its_filters(client, site):
    body = client.get("/products/?colorway=black&sort=price").content.decode()
    assert '<a href="/fr/products/?colorway=black&amp;sort=price" hreflang="fr" lang="fr">Français</a>' in body
    body = client.get("/fr" + site["product"]).content.decode()
    assert f'<a href="{site["product"]}" hreflang="en" lang="en">English</a>' in body
    assert 'hreflang="fr" lang="fr" aria-current="true">Français</a>' in body


def test_a_share_link_opens_its_draft_in_every_language_and_the_switcher_keeps_it(client):
    draft = full_product(name="Le Cagole", status=Status.DRAFT)
    token = share_token(ShareLink.objects.create(subject=draft))
    path = draft.get_absolute_url()
    response = client.get(f"/fr{path}?share={token}")
    assert response.status_code == 200
    assert f'<a href="{path}?share={token}" hreflang="en"' in response.content.decode()
    assert client.get(f"/fr{path}").status_code == 404


def test_an_address_is_one_language_whatever_the_browser_asks(client, site):
    """LocaleMiddleware reads the language from the path only on these pages: an unprefixed address is the
    default language for a French browser too, so a cached page is never served in the wrong language."""
    body = client.get("/products/", headers={"accept-language": "fr"}).content.decode()
    assert html_lang(body) == ("en", "ltr")
    client.cookies["django_language"] = "fr"
    assert html_lang(client.get("/products/").content.decode()) == ("en", "ltr")


def test_unknown_or_default_language_prefixes_are_not_found(client, site):
    for url in ("/de/products/", "/en/products/", "/xx/", "/fr-zz/products/", "/FR/products/"):
        assert client.get(url).status_code == 404, url


def test_each_language_is_cached_apart(site):
    visitor = Client()
    for _ in range(2):
        assert html_lang(visitor.get("/fr/products/").content.decode())[0] == "fr"
        assert html_lang(visitor.get("/products/").content.decode())[0] == "en"
    assert visitor.get("/fr/products/")["X-Page-Cache"] == "hit"


def test_a_right_to_left_language_added_in_settings_renders_right_to_left(client, site, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]
    body = client.get("/ar" + site["product"]).content.decode()
    assert html_lang(body) == ("ar", "rtl")
    assert alternates(body)["ar"] == f"http://testserver/ar{site['product']}"


def test_sitemaps_list_every_page_in_each_language_with_its_alternates(client, site):
    body = client.get("/sitemap-products.xml").content.decode()
    product = site["product"]
    assert f"<loc>http://testserver{product}</loc>" in body and f"<loc>http://testserver/fr{product}</loc>" in body
    assert f'<xhtml:link rel="alternate" hreflang="fr" href="http://testserver/fr{product}"/>' in body
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver{product}"/>' in body
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/fr/products/</loc>" in pages


def test_the_campaign_feed_exists_per_language(client, site):
    english = client.get("/campaigns/feed/").content.decode()
    french = client.get("/fr/campaigns/feed/").content.decode()
    assert 'xml:lang="en"' in english and 'xml:lang="fr"' in french
    assert 'href="http://testserver/fr/campaigns/"' in french


def test_structured_data_carries_the_language_and_its_addresses(client, site):
    def jsonld(body):
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
        return {item["@type"]: item for block in blocks for item in json.loads(block)}

    campaign = jsonld(client.get("/fr" + site["campaign"]).content.decode())["CreativeWork"]
    # Its text is not translated yet: written in English, on the French page.
    assert campaign["inLanguage"] == "en" and campaign["url"].startswith("http://testserver/fr/")
    assert jsonld(client.get(site["campaign"]).content.decode())["CreativeWork"]["inLanguage"] == "en"
    crumbs = jsonld(client.get("/fr" + site["product"]).content.decode())["BreadcrumbList"]["itemListElement"]
    assert [crumb["item"] for crumb in crumbs[:2]] == ["http://testserver/fr/", "http://testserver/fr/products/"]


def test_the_admin_speaks_the_editor_s_language_while_addresses_keep_theirs(admin_client):
    """The admin follows the browser (or the language cookie); the visitors' pages never do."""
    french = admin_client.get("/admin/", headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="fr"' in french
    assert '<html lang="en"' in admin_client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    admin_client.cookies["django_language"] = "fr"
    assert '<html lang="fr"' in admin_client.get("/admin/products/product/").content.decode()
    assert html_lang(admin_client.get("/products/").content.decode())[0] == "en"


def test_visitors_pages_do_not_vary_by_the_browser_s_language_and_robots_keeps_crawlers_off_every_search(client, site):
    for url in ("/products/", "/fr/products/", site["product"]):
        assert "accept-language" not in client.get(url).get("Vary", "").lower(), url
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" in robots and "Disallow: /fr/search/" in robots


def test_untranslated_content_on_a_french_page_is_marked_as_english(client, site):
    """WCAG 3.1.2: a screen reader must not read English text with French pronunciation."""
    body = client.get("/fr" + site["product"]).content.decode()
    assert '<h1><span lang="en">Bel Air</span></h1>' in body
    assert "<h1>Bel Air</h1>" in client.get(site["product"]).content.decode()


def test_quotes_keep_the_language_they_were_said_in_on_every_page(client, site):
    from products.models import Product, Quote

    product = Product.objects.get(slug="bel-air")
    Quote.objects.create(subject=product, text="Une construction faussement décontractée.", language="fr")
    english_quote = '<blockquote lang="en"><p>Deceptively relaxed.</p></blockquote>'
    french_quote = '<blockquote lang="fr"><p>Une construction faussement décontractée.</p></blockquote>'
    for url in (site["product"], "/fr" + site["product"]):
        body = client.get(url).content.decode()
        assert english_quote in body and french_quote in body, url


def test_a_quote_s_language_is_one_of_the_site_s_and_the_admin_offers_them(admin_client, site):
    from django.core.exceptions import ValidationError

    from products.models import Product, Quote

    product = Product.objects.get(slug="bel-air")
    quote = Quote(subject=product, text="Ottimo.", language="it")
    with pytest.raises(ValidationError):
        quote.full_clean()
    form = admin_client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert '<option value="fr">French</option>' in form and "-language" in form
