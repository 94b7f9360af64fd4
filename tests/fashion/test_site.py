"""Site-wide pages: home, search, sitemap, robots, health, media, error pages."""

import factory
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CampaignProductFactory,
    ProductFactory,
    ProductImageFactory,
    full_product,
)

pytestmark = pytest.mark.django_db


def test_home_shows_the_current_campaign_its_products_and_ambassadors(client):
    CampaignFactory(title="Older study", launch_date="2024-01-01")
    current = CampaignFactory(title="Latest study", launch_date="2024-11-01")
    CampaignProductFactory(campaign=current, product=ProductFactory(name="Bel Air"))
    AmbassadorFactory(name="Michelle Yeoh")
    body = client.get("/").content.decode()
    assert "Latest study" in body and "Bel Air" in body and "Michelle Yeoh" in body


def test_home_without_any_content_still_renders(client):
    assert client.get("/").status_code == 200


def test_home_never_shows_drafts(client):
    CampaignFactory(title="Draft study", draft=True)
    ProductFactory(name="Draft bag", draft=True)
    AmbassadorFactory(name="Draft Person", draft=True)
    body = client.get("/").content.decode()
    for hidden in ("Draft study", "Draft bag", "Draft Person"):
        assert hidden not in body


def test_search_finds_products_campaigns_and_ambassadors_grouped(client):
    ProductFactory(name="Bel Air Hobo")
    CampaignFactory(title="Kim and the Bel Air").ambassadors.add(AmbassadorFactory(name="Kim Kardashian"))
    ProductFactory(name="Bel Air Draft", draft=True)
    body = client.get("/search/?q=bel+air").content.decode()
    assert "Bel Air Hobo" in body and "Kim and the Bel Air" in body
    assert "Bel Air Draft" not in body
    people = client.get("/search/?q=kardashian").content.decode()
    assert "Kim Kardashian" in people and 'id="r-ambassadors"' in people


def test_search_lists_a_campaign_once_when_several_ambassadors_match(client):
    campaign = CampaignFactory(title="Group study")
    campaign.ambassadors.add(AmbassadorFactory(name="Ann Smith"), AmbassadorFactory(name="Bea Smith"))
    body = client.get("/search/?q=smith").content.decode()
    assert body.count("Group study</h3>") == 1


ODD_SEARCHES = ["", "q=", "q=%00", "q=" + "a" * 5000, "q=%ff", "q=%27--", "q[]=x"]
# Full-text syntax a visitor might type by accident: unbalanced quotes, operators, stop words only, %.
ODD_SEARCHES += ["q=%22bel", "q=-", "q=the", "q=a+%26+b+%7C+c", "q=%21%21", "q=%25", "q=%3A%2A", "q=%5C"]


@pytest.mark.parametrize("query", ODD_SEARCHES)
def test_search_survives_odd_queries(client, query):
    assert client.get(f"/search/?{query}").status_code == 200


def test_sitemap_lists_published_pages_only(client):
    shown = full_product(slug="shown-bag")
    ProductFactory(slug="draft-bag", draft=True)
    AmbassadorFactory(slug="public-person")
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "/sitemap-products.xml</loc><lastmod>" in index
    body = (
        client.get("/sitemap-products.xml").content.decode() + client.get("/sitemap-ambassadors.xml").content.decode()
    )
    assert shown.get_absolute_url() in body and "/ambassadors/public-person/" in body
    assert "draft-bag" not in body
    assert "<lastmod>" in body


def test_sitemap_lists_each_pages_pictures(client):
    product = full_product(slug="pictured-bag")
    ProductImageFactory(product=product)
    campaign = CampaignFactory(hero_image=factory.django.ImageField(width=40, height=30), hero_alt="A dinner date")
    body = client.get("/sitemap-products.xml").content.decode()
    assert 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"' in body
    for picture in product.images.all():
        assert f"<image:image><image:loc>http://testserver{picture.image.url}</image:loc></image:image>" in body
    campaigns = client.get("/sitemap-campaigns.xml").content.decode()
    assert f"<image:loc>http://testserver{campaign.hero_image.url}</image:loc>" in campaigns


@pytest.mark.parametrize("url", ["/sitemap-nothing.xml", "/sitemap-products.xml?p=99", "/sitemap-products.xml?p=x"])
def test_odd_sitemap_addresses_are_404(client, url):
    assert client.get(url).status_code == 404


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "/sitemap.xml" in body


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_media_is_served_with_debug_off(client, settings):
    assert settings.DEBUG is False
    name = default_storage.save("products/test.jpg", ContentFile(b"\xff\xd8\xff fake jpeg"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    response.close()


def test_media_refuses_paths_outside_the_media_folder(client):
    assert client.get("/media/../fashion/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/manage.py").status_code == 404


def test_unknown_page_uses_the_404_template(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_pages_carry_a_content_security_policy(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_home_and_search_queries_do_not_grow_with_the_catalogue(count_queries):
    def add(n):
        for _ in range(n):
            campaign = CampaignFactory()
            campaign.ambassadors.add(AmbassadorFactory(name="Bel Person"))
            CampaignProductFactory(campaign=campaign, product=full_product(name="Bel bag"))

    add(2)
    urls = ["/", "/search/?q=bel", "/search/?q=zzzz", "/sitemap.xml", "/sitemap-products.xml", "/campaigns/feed/"]
    small = {url: count_queries(url) for url in urls}
    add(20)
    assert {url: count_queries(url) for url in urls} == small


def test_the_500_page_renders_without_the_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_favicon_ico_points_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_static_files_are_hashed_compressed_and_cached_for_a_year(settings, tmp_path):
    """The production storage, collected for real, served by WhiteNoise through a fresh handler."""
    from django.core.management import call_command
    from django.templatetags.static import static
    from django.test import Client

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--no-input", verbosity=0)
    url = static("css/site.css")
    assert url != "/static/css/site.css", "a content hash in the name"
    response = Client().get(url, headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] in ("br", "gzip")
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    response.close()  # WhiteNoise streams the file; close it as a server would
