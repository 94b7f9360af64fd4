"""Stale only where something changed: an edit, a publish or a scheduled change reaches exactly the pages that
show it (core/cache_tags.py), and the rest of the site stays warm."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Campaign, CampaignImage, CampaignSeries
from core.cache_tags import Recording, item_tag, list_tag, shows_lists
from core.models import CacheTag
from core.page_cache import build_once
from core.publishing import Status
from products.models import Product, Variant
from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CampaignProductFactory,
    ColorwayFactory,
    ProductFactory,
    ProductImageFactory,
    QuoteFactory,
    SeriesFactory,
    VariantFactory,
    full_product,
)

pytestmark = pytest.mark.django_db


def cached(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["X-Page-Cache"], response.content.decode()


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert cached(client, url)[0] == "hit", url


def test_a_copy_edit_reaches_its_page_and_search_not_the_catalogue(client):
    bel_air = full_product(name="Bel Air", description="A shoulder bag.")
    rodeo = full_product(name="Rodeo")
    warm(client, "/products/", bel_air.get_absolute_url(), rodeo.get_absolute_url(), "/search/?q=shoulder")
    bel_air = Product.objects.get(pk=bel_air.pk)  # as the admin loads it
    bel_air.description = "A hobo shoulder bag, softened."
    bel_air.save()
    status, page = cached(client, bel_air.get_absolute_url())
    assert status == "miss" and "softened" in page
    assert cached(client, "/search/?q=shoulder")[0] == "miss"
    assert cached(client, "/products/")[0] == "hit", "the catalogue shows no description"
    assert cached(client, rodeo.get_absolute_url())[0] == "hit"


def test_a_renamed_product_reaches_every_list_and_page_that_shows_its_card(client):
    bel_air = full_product(name="Bel Air", family="Bel Air")
    hobo = full_product(name="Bel Air Hobo", family="Bel Air")
    rodeo = full_product(name="Rodeo", family="Rodeo")
    warm(client, "/products/", hobo.get_absolute_url(), rodeo.get_absolute_url())
    bel_air = Product.objects.get(pk=bel_air.pk)
    bel_air.name = "Bel Air East-West"
    bel_air.save()
    assert "Bel Air East-West" in cached(client, "/products/")[1]
    assert "Bel Air East-West" in cached(client, hobo.get_absolute_url())[1], "its family lists it"
    assert cached(client, rodeo.get_absolute_url())[0] == "hit"


def test_a_new_product_reaches_the_catalogue_and_its_family_at_once(client):
    hobo = full_product(name="Bel Air Hobo", family="Bel Air")
    warm(client, "/products/", hobo.get_absolute_url())
    full_product(name="Bel Air Mini", family="Bel Air")
    assert "Bel Air Mini" in cached(client, "/products/")[1]
    assert "Bel Air Mini" in cached(client, hobo.get_absolute_url())[1]


def test_a_product_leaving_a_family_leaves_its_old_family_s_pages(client):
    bel_air = full_product(name="Bel Air", family="Bel Air")
    hobo = full_product(name="Bel Air Hobo", family="Bel Air")
    warm(client, hobo.get_absolute_url())
    bel_air = Product.objects.get(pk=bel_air.pk)
    bel_air.family = "Rodeo"
    bel_air.save()
    assert "<h3>Bel Air</h3>" not in cached(client, hobo.get_absolute_url())[1]


def test_a_price_change_reaches_the_catalogue_sorted_by_price(client):
    product = full_product(name="Bel Air")
    warm(client, "/products/?sort=price")
    variant = product.variants.first()
    variant.price = 12345
    variant.save()
    assert "€12,345" in cached(client, "/products/?sort=price")[1]


def test_a_campaign_s_new_ambassador_reaches_her_page_and_the_campaign_s_products(client):
    product = full_product(name="Bel Air")
    campaign = CampaignFactory(title="Characters: Kim")
    CampaignProductFactory(campaign=campaign, product=product)
    kim = AmbassadorFactory(name="Kim Kardashian")
    warm(client, kim.get_absolute_url(), product.get_absolute_url())
    campaign.ambassadors.add(kim)
    assert "Characters: Kim" in cached(client, kim.get_absolute_url())[1]
    assert "Kim Kardashian" in cached(client, product.get_absolute_url())[1]


def test_a_product_featured_in_a_campaign_reaches_the_ambassador_page_when_it_goes_live(client):
    """Two steps away (ambassador → campaign → product), and with no save at the moment it goes live."""
    kim = AmbassadorFactory(name="Kim Kardashian")
    campaign = CampaignFactory(title="Characters: Kim")
    campaign.ambassadors.add(kim)
    soon = timezone.now() + datetime.timedelta(seconds=2)
    hobo = full_product(name="Bel Air Hobo", family="Bel Air", publish_at=soon)
    CampaignProductFactory(campaign=campaign, product=hobo)
    unrelated = full_product(name="Rodeo", family="Rodeo")
    warm(client, kim.get_absolute_url(), unrelated.get_absolute_url())
    assert "Bel Air Hobo" not in cached(client, kim.get_absolute_url())[1]
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.05)
    assert "Bel Air Hobo" in cached(client, kim.get_absolute_url())[1]
    assert cached(client, unrelated.get_absolute_url())[0] == "hit", "a launch leaves unrelated pages warm"


def test_a_page_built_before_a_launch_never_shows_it_early_and_ends_at_its_second(client):
    soon = timezone.now() + datetime.timedelta(seconds=2)
    full_product(name="Coming bag", publish_at=soon)
    while timezone.now() < soon - datetime.timedelta(seconds=0.3):
        _, body = cached(client, "/products/")
        assert "Coming bag" not in body
        time.sleep(0.1)
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.02)
    assert "Coming bag" in cached(client, "/products/")[1]
    assert cached(client, "/products/")[0] == "hit", "built after the launch, the page is kept again"


def test_an_unpublish_takes_the_item_off_its_lists_at_once(client):
    product = full_product(name="Bel Air")
    warm(client, "/products/", "/")
    product.status = Status.DRAFT
    product.save()
    assert "Bel Air" not in cached(client, "/products/")[1]
    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_save_writes_the_same_number_of_stamps_whatever_the_catalogue_s_size():
    def stamps_written(product):
        product.description = f"Edited {time.monotonic()}"
        product.name = f"{product.name}!"
        with CaptureQueriesContext(connection) as queries:
            product.save()
        return len(queries)

    small = stamps_written(Product.objects.get(pk=full_product(name="Bel Air", family="Bel Air").pk))
    for n in range(40):
        ProductFactory(name=f"Synthetic {n}", family="Bel Air")
    large = stamps_written(Product.objects.get(name="Bel Air!"))
    assert large == small
    assert CacheTag.objects.filter(tag__startswith="products.product~family=").count() == 1


def test_concurrent_requests_for_one_stale_page_build_it_once(settings):
    builds = []

    def compute():
        builds.append(1)
        time.sleep(0.3)
        return "page"

    results = []

    def request():
        try:
            results.append(build_once("page:test", compute))
        finally:
            connections.close_all()  # each thread's own database connection

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert sorted(hit for _, hit in results) == [False, True, True, True]


def test_what_a_page_loads_is_what_it_is_tagged_with():
    product = full_product(name="Bel Air")
    VariantFactory(product=product)
    with Recording() as tags:
        list(Product.objects.published().for_listing())
    assert item_tag(Product, product.pk) in tags
    assert list_tag(Product) not in tags, "loading items is not listing a type: the view says so"


def test_an_edit_reaches_a_page_kept_in_another_worker_s_own_cache(settings):
    """Two workers (a client each: its own middleware and near cache) with private caches (local memory) each
    hold the page; the stamp is in the database, so the edit reaches both at once, with no message between them."""
    product = full_product(name="Bel Air")
    workers = [
        (Client(), {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}})
        for name in ("worker-1", "worker-2")
    ]
    for client, caches in workers:
        settings.CACHES = caches
        warm(client, product.get_absolute_url())
        assert cached(client, product.get_absolute_url())[0] == "hit"
    product = Product.objects.get(pk=product.pk)
    product.name = "Bel Air East-West"
    product.save()
    for client, caches in workers:
        settings.CACHES = caches
        status, page = cached(client, product.get_absolute_url())
        assert status == "miss" and "Bel Air East-West" in page


def test_a_renamed_colour_reaches_search_results_that_find_products_by_it(client):
    """Search reads each product's kept search terms, rewritten by an update when a colour is renamed."""
    product = full_product(name="Bel Air")
    colorway = product.variants.first().colorway
    warm(client, "/search/?q=oxblood")
    assert "Bel Air" not in cached(client, "/search/?q=oxblood")[1]
    colorway.name = "Oxblood"
    colorway.save()
    assert "Bel Air" in cached(client, "/search/?q=oxblood")[1]


# --- Found by the hostile pass on the tagged cache -------------------------------------------------------------


def test_an_item_live_for_a_moment_comes_down_at_its_second_too(client):
    """Every scheduled moment of a tag counts, not only the first: after going live, coming down ends the page."""
    now = timezone.now()
    flash = full_product(
        name="Flash bag",
        publish_at=now + datetime.timedelta(seconds=1),
        unpublish_at=now + datetime.timedelta(seconds=2),
    )
    url = flash.get_absolute_url()
    assert "Flash bag" not in cached(client, "/products/")[1]
    time.sleep(max(0, (flash.publish_at - timezone.now()).total_seconds()) + 0.05)
    assert "Flash bag" in cached(client, "/products/")[1] and client.get(url).status_code == 200
    assert client.get(url).status_code == 200 and cached(client, "/products/")[0] == "hit"
    time.sleep(max(0, (flash.unpublish_at - timezone.now()).total_seconds()) + 0.05)
    assert "Flash bag" not in cached(client, "/products/")[1]
    assert client.get(url).status_code == 404


def test_a_page_whose_build_straddles_a_scheduled_moment_is_not_kept():
    """The page's end is counted from when its build started: a launch falling during the build ends it."""
    soon = timezone.now() + datetime.timedelta(seconds=0.5)
    product = full_product(name="Coming bag", publish_at=soon)

    def slow_build():
        names = list(Product.objects.published().values_list("name", flat=True))  # read before the moment
        shows_lists(Product)
        time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.05)  # finish after it
        return names

    assert build_once("straddle", slow_build) == ([], False)
    assert build_once("straddle", lambda: ["rebuilt"]) == (["rebuilt"], False), "the first build was not kept"
    assert product.pk


def test_publishing_a_series_shows_its_campaigns_on_their_products_and_ambassadors_pages(client):
    series = SeriesFactory(status=Status.DRAFT)
    product = full_product(name="Bel Air Hobo")
    kim = AmbassadorFactory(name="Kim Kardashian")
    campaign = CampaignFactory(series=series, title="Hobo study")
    campaign.products.add(product)
    campaign.ambassadors.add(kim)
    warm(client, product.get_absolute_url(), kim.get_absolute_url(), "/campaigns/")
    series = CampaignSeries.objects.get(pk=series.pk)
    series.status = Status.PUBLISHED
    series.save()
    for url in (product.get_absolute_url(), kim.get_absolute_url(), "/campaigns/"):
        assert "Hobo study" in cached(client, url)[1], url


def test_a_series_going_live_at_a_launch_ends_its_campaigns_products_pages_at_its_second(client):
    soon = timezone.now() + datetime.timedelta(seconds=1)
    series = SeriesFactory(status=Status.PUBLISHED, publish_at=soon)
    product = full_product(name="Bel Air Hobo")
    CampaignFactory(series=series, title="Hobo study").products.add(product)
    assert "Hobo study" not in cached(client, product.get_absolute_url())[1]
    assert cached(client, product.get_absolute_url())[0] == "hit"
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.05)
    assert "Hobo study" in cached(client, product.get_absolute_url())[1]


def test_a_campaign_hidden_by_its_series_is_a_preview_for_staff(admin_client):
    campaign = CampaignFactory(series=SeriesFactory(status=Status.DRAFT))
    assert campaign.publishes_itself() and not campaign.is_published()
    response = admin_client.get(campaign.get_absolute_url())
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_summary_edit_reaches_the_home_page_and_the_feed(client):
    campaign = CampaignFactory(summary="A dinner date.")
    warm(client, "/", "/campaigns/feed/")
    campaign = Campaign.objects.get(pk=campaign.pk)
    campaign.summary = "A voice-over confirming a dinner date."
    campaign.save()
    assert "A voice-over" in cached(client, "/")[1]
    assert "A voice-over" in cached(client, "/campaigns/feed/")[1]


def test_any_edit_moves_the_sitemaps_lastmod_and_a_new_gallery_picture_joins_the_sitemap(client):
    product = full_product(name="Bel Air", description="A shoulder bag.")
    campaign = CampaignFactory()
    warm(client, "/sitemap-products.xml", "/sitemap-campaigns.xml", "/sitemap.xml")
    product = Product.objects.get(pk=product.pk)
    product.description = "Softened."  # a copy edit: its page and search only, and the sitemaps' <lastmod>
    product.save()
    assert cached(client, "/sitemap-products.xml")[0] == "miss"
    assert cached(client, "/sitemap.xml")[0] == "miss"
    picture = CampaignImage.objects.create(
        campaign=campaign, image=ProductImageFactory.build().image, alt_text="Kim and the Bel Air"
    )
    assert picture.image.url in cached(client, "/sitemap-campaigns.xml")[1]


def test_a_quote_added_outside_the_admin_reaches_the_page_it_belongs_to(client):
    product = full_product(name="Rodeo")
    warm(client, product.get_absolute_url())
    QuoteFactory(subject=product, text="Deceptively relaxed.")
    assert "Deceptively relaxed." in cached(client, product.get_absolute_url())[1]


def test_tracking_parameters_share_the_cached_page_and_made_up_ones_are_never_kept(client):
    full_product(name="Bel Air")
    warm(client, "/products/")
    response = client.get("/products/?utm_source=newsletter&utm_medium=email&fbclid=x")
    assert response["X-Page-Cache"] == "hit"
    assert "utm_source" not in response.content.decode()
    for n in range(3):
        response = client.get(f"/products/?made_up={n}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert client.get("/products/?colorway=black")["X-Page-Cache"] == "miss"


def test_a_variant_moved_to_another_product_leaves_the_old_one_s_prices_search_and_pages_right(client):
    rodeo = full_product(name="Rodeo")
    bel_air = full_product(name="Bel Air")
    expensive = VariantFactory(product=rodeo, price=77777, colorway=ColorwayFactory(slug="oxblood", name="Oxblood"))
    warm(client, "/products/?sort=-price", rodeo.get_absolute_url(), "/search/?q=oxblood")
    expensive = Variant.objects.get(pk=expensive.pk)
    expensive.product = bel_air
    expensive.save()
    rodeo = Product.objects.get(pk=rodeo.pk)
    assert rodeo.max_price < 77777 and "Oxblood" not in rodeo.search_terms
    assert cached(client, rodeo.get_absolute_url())[0] == "miss"
    assert cached(client, "/products/?sort=-price")[0] == "miss"
    assert "Rodeo" not in cached(client, "/search/?q=oxblood")[1]


def test_only_what_a_page_reads_in_plain_form_is_kept(client):
    product = full_product(name="Bel Air")
    kept = ["/products/?page=1", "/products/?colorway=black&sort=price", f"{product.get_absolute_url()}?colour=black"]
    kept += ["/sitemap-products.xml?p=1", "/fr/products/?page=1"]
    never = ["/?page=2", "/products/?page=01", "/products/?page=-1", f"{product.get_absolute_url()}?q=bel"]
    never += ["/products/?q=" + "b" * 101, "/campaigns/?sort=name", "/no-such-page/?page=1"]
    for url in kept:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    for url in never:
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url
