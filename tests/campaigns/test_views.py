"""Campaign, series and ambassador pages: what shows, what never leaks."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CampaignProductFactory,
    ProductFactory,
    SeriesFactory,
    full_product,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=2)


def test_campaign_page_shows_series_photographer_ambassadors_products_and_video(client):
    kim = AmbassadorFactory(name="Kim Kardashian")
    campaign = CampaignFactory(
        title="Bel Air", wardrobe="Faux fur coat\nHeeled sock boots", video_concept="A dinner date in a voice-over."
    )
    campaign.ambassadors.add(kim)
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="Bel Air Hobo"))
    body = client.get(campaign.get_absolute_url()).content.decode()
    for expected in ("Bel Air", "Nadav Kander", "Kim Kardashian", "Bel Air Hobo", "Faux fur coat", "dinner date"):
        assert expected in body


def test_campaign_page_never_shows_a_draft_product_or_ambassador(client):
    campaign = CampaignFactory()
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="Shown bag"))
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="Draft bag", draft=True))
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="Future bag", publish_at=LATER))
    campaign.ambassadors.add(AmbassadorFactory(name="Hidden Person", draft=True))
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert "Shown bag" in body
    for hidden in ("Draft bag", "Future bag", "Hidden Person"):
        assert hidden not in body


def test_featured_products_keep_the_editors_order(client):
    campaign = CampaignFactory()
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="Second bag"), order=2)
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="First bag"), order=1)
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert body.index("First bag") < body.index("Second bag")


def test_an_installment_of_a_draft_series_is_hidden(client):
    campaign = CampaignFactory(series=SeriesFactory(draft=True))
    assert client.get(campaign.get_absolute_url()).status_code == 404
    assert campaign.title not in client.get("/campaigns/").content.decode()


def test_drafts_are_404_and_absent_from_lists(client):
    draft = CampaignFactory(title="Draft study", draft=True)
    scheduled = CampaignFactory(title="Scheduled study", publish_at=LATER)
    person = AmbassadorFactory(name="Draft Person", draft=True)
    series = SeriesFactory(name="Draft Series", draft=True)
    for item in (draft, scheduled, person, series):
        assert client.get(item.get_absolute_url()).status_code == 404
    listing = client.get("/campaigns/").content.decode() + client.get("/ambassadors/").content.decode()
    for hidden in ("Draft study", "Scheduled study", "Draft Person"):
        assert hidden not in listing


def test_unknown_slugs_are_404(client):
    for url in ("/campaigns/nope/", "/campaigns/series/nope/", "/ambassadors/nope/"):
        assert client.get(url).status_code == 404


def test_series_page_shows_photographer_and_installments(client):
    series = SeriesFactory(name="Characters", photographer="Nadav Kander")
    CampaignFactory(series=series, title="Michelle Yeoh")
    CampaignFactory(series=series, title="Unreleased", draft=True)
    body = client.get(series.get_absolute_url()).content.decode()
    assert "Nadav Kander" in body and "Michelle Yeoh" in body and "Unreleased" not in body


def test_ambassador_page_shows_appointment_campaigns_and_products(client):
    kim = AmbassadorFactory(name="Kim Kardashian", appointed_in=2024)
    campaign = CampaignFactory(title="Rodeo study")
    campaign.ambassadors.add(kim)
    CampaignProductFactory(campaign=campaign, product=ProductFactory(name="Rodeo"))
    CampaignFactory(title="Secret study", draft=True).ambassadors.add(kim)
    body = client.get(kim.get_absolute_url()).content.decode()
    assert "2024" in body and "Rodeo study" in body and "Rodeo" in body
    assert "Secret study" not in body


def test_product_page_lists_its_campaigns_and_the_ambassadors_who_carry_it(client):
    product = full_product(name="Bel Air")
    campaign = CampaignFactory(title="Bel Air study")
    campaign.ambassadors.add(AmbassadorFactory(name="Kim Kardashian"))
    CampaignProductFactory(campaign=campaign, product=product)
    draft = CampaignFactory(title="Draft study", draft=True)
    draft.ambassadors.add(AmbassadorFactory(name="Draft Carrier"))
    CampaignProductFactory(campaign=draft, product=product)
    body = client.get(product.get_absolute_url()).content.decode()
    assert "Bel Air study" in body and "Kim Kardashian" in body
    assert "Draft study" not in body and "Draft Carrier" not in body


def test_feed_lists_published_installments_only(client):
    CampaignFactory(title="Public study")
    CampaignFactory(title="Draft study", draft=True)
    response = client.get("/campaigns/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Public study" in body and "Draft study" not in body


def test_query_counts_do_not_grow_with_campaigns(count_queries):
    series = SeriesFactory(slug="characters")
    kim = AmbassadorFactory(slug="kim")

    def add_campaigns(n):
        for _ in range(n):
            campaign = CampaignFactory(series=series)
            campaign.ambassadors.add(kim, AmbassadorFactory())
            CampaignProductFactory(campaign=campaign, product=full_product())

    add_campaigns(2)
    first = series.campaigns.first()
    urls = [
        "/campaigns/",
        f"/campaigns/{first.slug}/",
        "/campaigns/series/characters/",
        "/ambassadors/",
        "/ambassadors/kim/",
    ]
    small = {url: count_queries(url) for url in urls}
    add_campaigns(20)
    large = {url: count_queries(url) for url in urls}
    assert small == large


def test_a_product_in_several_campaigns_shows_once_on_each(client):
    product = ProductFactory(name="Shared bag")
    first, second = CampaignFactory(), CampaignFactory()
    CampaignProductFactory(campaign=first, product=product, order=1)
    CampaignProductFactory(campaign=second, product=product, order=5)
    body = client.get(first.get_absolute_url()).content.decode()
    assert body.count("Shared bag</h3>") == 1


def test_an_embedded_film_uses_the_privacy_friendly_player(client):
    campaign = CampaignFactory(video_url="https://www.youtube.com/watch?v=abc123")
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/abc123"' in body


@pytest.mark.parametrize("url", ["/campaigns/", "/ambassadors/"])
@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "%00"])
def test_list_pages_forgive_odd_page_numbers(client, url, page):
    CampaignFactory()
    AmbassadorFactory()
    assert client.get(f"{url}?page={page}").status_code == 200
