"""Found by others: canonical URLs, social cards and JSON-LD, with nothing unpublished in them."""

import json
import re

import pytest

from tests.factories import AmbassadorFactory, CampaignFactory, ProductImageFactory, full_product

pytestmark = pytest.mark.django_db


def jsonld(body):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return [item for block in blocks for item in json.loads(block)] if blocks else []


def test_product_page_has_product_offers_breadcrumbs_and_a_social_card(client):
    product = full_product(name="Bel Air")
    ProductImageFactory(product=product)
    body = client.get(product.get_absolute_url() + "?colour=black&utm=x").content.decode()
    data = {item["@type"]: item for item in jsonld(body)}
    assert data["Product"]["name"] == "Bel Air" and data["Product"]["brand"]["name"] == "Balenciaga"
    assert sorted(offer["sku"] for offer in data["Product"]["offers"]) == sorted(
        product.variants.values_list("sku", flat=True)
    )
    assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == "Bel Air"
    assert f'<link rel="canonical" href="http://testserver{product.get_absolute_url()}">' in body
    assert f'<meta property="og:url" content="http://testserver{product.get_absolute_url()}">' in body
    assert '<meta property="og:type" content="product">' in body
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+">', body)


def test_campaign_json_ld_has_the_film_and_only_published_people(client):
    campaign = CampaignFactory(
        title="Bel Air study", video_url="https://youtu.be/abc123", video_concept="A dinner date."
    )
    campaign.ambassadors.add(AmbassadorFactory(name="Kim Kardashian"), AmbassadorFactory(name="Hidden", draft=True))
    data = jsonld(client.get(campaign.get_absolute_url()).content.decode())[0]
    assert data["@type"] == "CreativeWork" and data["video"]["@type"] == "VideoObject"
    assert data["video"]["embedUrl"] == "https://www.youtube-nocookie.com/embed/abc123"
    assert [person["name"] for person in data["actor"]] == ["Kim Kardashian"]


def test_ambassador_page_is_a_person(client):
    person = AmbassadorFactory(name="Michelle Yeoh", appointed_in=2023)
    data = jsonld(client.get(person.get_absolute_url()).content.decode())[0]
    assert data["@type"] == "Person" and data["name"] == "Michelle Yeoh"


def test_home_declares_the_organization(client):
    assert jsonld(client.get("/").content.decode())[0]["@type"] == "Organization"


def test_json_ld_cannot_be_broken_out_of(client):
    product = full_product(name="</script><script>alert(1)</script>")
    body = client.get(product.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert jsonld(body)[0]["name"] == "</script><script>alert(1)</script>"


def test_pages_answer_conditional_gets_with_304(client):
    product = full_product()
    first = client.get(product.get_absolute_url())
    assert first.has_header("ETag")
    again = client.get(product.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_every_page_links_the_navigation_and_escapes_its_own_address(client):
    body = client.get("/products/%22%3E%3Cscript%3E/").content.decode()  # a 404 names its own address
    assert "<script>" not in body.split("</head>")[0].split('<link rel="canonical"')[1]
    for href in ('href="/"', 'href="/products/"', 'href="/campaigns/"', 'href="/ambassadors/"', 'action="/search/"'):
        assert href in body
