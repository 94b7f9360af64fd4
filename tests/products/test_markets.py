"""Markets (products/models/markets.py, products/markets.py): prices the house sets per market, availability per
market, the visitor's own choice of market kept in a cookie, pages kept per market, the admin's rows per market and
bulk price change, exports with a column per market."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from products.models import Market, MarketPrice
from tests.browser_forms import form_data
from tests.factories import ProductFactory, VariantFactory, member_of

pytestmark = pytest.mark.django_db


def market(slug, currency, **extra):
    return Market.objects.create(slug=slug, name=slug.title(), currency=currency, **extra)


@pytest.fixture
def world():
    """The house market (Europe), the UK, Japan, and China (prices not shown); two bags."""
    markets = {
        "europe": market("europe", "EUR", order=0),
        "uk": market("uk", "GBP", order=1),
        "japan": market("japan", "JPY", order=2),
        "china": market("china", "CNY", order=3, shows_prices=False),
    }
    cheap = ProductFactory(name="Rodeo", slug="rodeo")
    dear = ProductFactory(name="Bel Air", slug="bel-air")
    small = VariantFactory(product=cheap, price=Decimal("3000"), sku="RODEO-S")
    large = VariantFactory(product=dear, price=Decimal("4000"), sku="BELAIR-L")
    # In the UK the house prices the Bel Air lower than the Rodeo: the sort must follow the market, not euros.
    MarketPrice.objects.create(variant=small, market=markets["uk"], price=Decimal("3500"))
    MarketPrice.objects.create(variant=large, market=markets["uk"], price=Decimal("3400"))
    MarketPrice.objects.create(variant=large, market=markets["japan"], price=None)  # on request
    MarketPrice.objects.create(variant=small, market=markets["japan"], availability="not_sold")
    MarketPrice.objects.create(variant=large, market=markets["china"], price=Decimal("30000"))
    return {"markets": markets, "rodeo": cheap, "bel_air": dear, "variants": (small, large)}


def visitor(market_slug=None):
    client = Client()
    if market_slug:
        client.cookies["market"] = market_slug
    return client


def cards(body):
    return re.findall(r"<h3>(?:<span[^>]*>)?([^<]+)", body)


def jsonld(body):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)
    return [item for block in blocks for item in json.loads(block)]


def test_without_a_choice_a_visitor_sees_the_house_market_s_prices(world):
    body = visitor().get("/products/").content.decode()
    assert "€3,000" in body and "€4,000" in body and "£" not in body


def test_a_visitor_s_market_sets_the_prices_of_cards_the_product_page_and_its_offers(world):
    client = visitor("uk")
    assert "£3,500" in client.get("/products/").content.decode()
    page = client.get("/products/bel-air/").content.decode()
    assert "<td>£3,400</td>" in page and "€" not in page.split("<main")[1]
    (product,) = [item for item in jsonld(page) if item["@type"] == "Product"]
    assert [(offer["price"], offer["priceCurrency"]) for offer in product["offers"]] == [("3400.00", "GBP")]


def test_sorting_by_price_follows_the_market(world):
    assert cards(visitor().get("/products/?sort=price").content.decode()) == ["Rodeo", "Bel Air"]
    assert cards(visitor("uk").get("/products/?sort=price").content.decode()) == ["Bel Air", "Rodeo"]
    assert cards(visitor("uk").get("/products/?sort=-price").content.decode()) == ["Rodeo", "Bel Air"]


def test_a_product_not_sold_in_a_market_is_not_listed_there_and_its_page_says_so(world):
    client = visitor("japan")
    assert cards(client.get("/products/").content.decode()) == ["Bel Air"]
    page = client.get("/products/rodeo/").content.decode()
    assert "Not sold in Japan." in page and "RODEO-S" not in page
    assert "Price on request" in client.get("/products/").content.decode()


def test_price_on_request_is_said_and_left_out_of_the_structured_offers(world):
    page = visitor("japan").get("/products/bel-air/").content.decode()
    assert "<td>Price on request</td>" in page
    (product,) = [item for item in jsonld(page) if item["@type"] == "Product"]
    assert product["offers"] == []


def test_a_market_that_shows_no_prices_shows_none_anywhere(world):
    client = visitor("china")
    listing = client.get("/products/").content.decode()
    page = client.get("/products/bel-air/").content.decode()
    assert "30,000" not in listing + page and "CN¥" not in listing + page
    assert "BELAIR-L" in page, "the variant is still listed, without its price"
    (product,) = [item for item in jsonld(page) if item["@type"] == "Product"]
    assert product["offers"] == []


def test_pages_are_kept_per_market_and_a_made_up_market_gets_the_house_page(world):
    assert visitor("uk").get("/products/").headers["X-Page-Cache"] == "miss"
    assert visitor().get("/products/").headers["X-Page-Cache"] == "miss", "not the UK's copy"
    again = visitor("uk").get("/products/")
    assert again.headers["X-Page-Cache"] == "hit" and "£3,500" in again.content.decode()
    made_up = visitor("atlantis").get("/products/")
    assert made_up.headers["X-Page-Cache"] == "hit" and "€3,000" in made_up.content.decode()


def test_a_price_change_in_a_market_shows_at_once(world):
    client = visitor("uk")
    client.get("/products/bel-air/")
    price = MarketPrice.objects.get(variant=world["variants"][1], market=world["markets"]["uk"])
    price.price = Decimal("3600")
    price.save()
    assert "<td>£3,600</td>" in client.get("/products/bel-air/").content.decode()
    assert "£3,600" in client.get("/products/").content.decode()


def test_choosing_a_market_keeps_it_in_a_cookie_and_comes_back_to_the_page(world):
    client = Client()
    response = client.get("/market/?market=uk&next=/products/rodeo/")
    assert (response.status_code, response["Location"]) == (302, "/products/rodeo/")
    assert response.cookies["market"].value == "uk" and response.cookies["market"]["httponly"]
    assert "no-store" in response["Cache-Control"]
    assert "£3,500" in client.get("/products/rodeo/").content.decode()


@pytest.mark.parametrize(
    "query", ["market=atlantis&next=/", "market=uk&next=https://evil.example/", "market=%00&next=//evil.example"]
)
def test_a_made_up_market_or_a_foreign_next_address_changes_nothing(world, query):
    response = Client().get(f"/market/?{query}")
    assert response.status_code == 302 and response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
    if "atlantis" in query or "%00" in query:
        assert "market" not in response.cookies


def test_the_footer_offers_the_markets_of_the_page_s_language(world):
    Market.objects.filter(slug="japan").update(languages="fr")
    english = visitor().get("/").content.decode()
    assert 'value="uk"' in english and 'value="japan"' not in english
    assert 'value="japan"' in visitor().get("/fr/").content.decode()


def test_a_variant_s_prices_are_one_row_per_market_in_the_admin(admin_client, world):
    small = world["variants"][0]
    page = admin_client.get(f"/admin/products/variant/{small.pk}/change/").content.decode()
    assert page.count('name="market_prices-') > 0
    total = re.search(r'name="market_prices-TOTAL_FORMS" value="(\d+)"', page)
    assert total and total[1] == "3", "UK, Japan, and a row ready for China"
    choices = re.search(r'<select name="market_prices-0-market".*?</select>', page, re.S)[0]
    assert "Uk (GBP)" in choices and "Europe" not in choices, "the house market's price is the variant's own"


def test_a_bulk_change_raises_the_selected_prices_of_a_market_rounded_to_its_currency(admin_client, world):
    yen = MarketPrice.objects.create(
        variant=VariantFactory(), market=world["markets"]["japan"], price=Decimal("620000")
    )
    chosen = MarketPrice.objects.filter(market__slug__in=["uk", "japan"], price__isnull=False)
    ids = [str(pk) for pk in chosen.values_list("pk", flat=True)]
    listing = form_data(admin_client.get("/admin/products/marketprice/"), "changelist-form")
    ask = {"action": "change_prices", "_selected_action": ids, "_loaded_at": listing["_loaded_at"]}
    page = admin_client.post("/admin/products/marketprice/", ask)
    assert page.status_code == 200 and "3 prices are selected" in page.content.decode()
    admin_client.post("/admin/products/marketprice/", {**form_data(page), "percent": "5.3"})
    uk = sorted(MarketPrice.objects.filter(market__slug="uk").values_list("price", flat=True))
    assert uk == [Decimal("3580.20"), Decimal("3685.50")]
    yen.refresh_from_db()
    assert yen.price == Decimal("652860"), "yen are whole"
    assert MarketPrice.objects.get(market__slug="china").price == Decimal("30000"), "not selected: untouched"


def test_a_bulk_change_on_a_stale_list_changes_nothing(admin_client, world):
    url = f"/admin/products/marketprice/?market__id__exact={world['markets']['uk'].pk}"
    listing = form_data(admin_client.get(url), "changelist-form")
    price = MarketPrice.objects.filter(market__slug="uk").first()
    price.price = Decimal("1")
    price.save()
    response = admin_client.post(
        url,
        {
            "action": "change_prices",
            "select_across": "1",
            "index": "0",
            "_selected_action": [price.pk],
            "_loaded_at": listing["_loaded_at"],
            "percent": "10",
        },
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode()
    assert MarketPrice.objects.get(pk=price.pk).price == Decimal("1")


def test_a_bulk_change_over_twenty_thousand_prices_takes_a_few_queries(
    admin_client, world, django_assert_max_num_queries
):
    """The whole filtered list (select_across), 20,000 prices in 200 markets: one UPDATE per market, no row loaded."""
    from products.models import Size, Variant

    product, colorway = world["rodeo"], world["variants"][0].colorway
    sizes = Size.objects.bulk_create(
        [Size(name_en=f"Bulk size {n}", slug=f"bulk-size-{n}", order=n) for n in range(100)]
    )
    variants = Variant.objects.bulk_create(
        [Variant(product=product, colorway=colorway, size=size, sku=f"BULK-{size.order}", price=1) for size in sizes]
    )
    markets = Market.objects.bulk_create([Market(slug=f"m{n}", name=f"M{n}", currency="GBP") for n in range(200)])
    MarketPrice.objects.bulk_create(
        [MarketPrice(variant=v, market=m, price=Decimal("100")) for v in variants for m in markets]
    )
    query = "?availability__exact=available"
    listing = form_data(admin_client.get(f"/admin/products/marketprice/{query}"), "changelist-form")
    apply = {"action": "change_prices", "select_across": "1", "index": "0", "_selected_action": ["1"]}
    with django_assert_max_num_queries(250):
        response = admin_client.post(f"/admin/products/marketprice/{query}", {**listing, **apply, "percent": "10"})
    assert response.status_code == 302
    assert MarketPrice.objects.filter(price=Decimal("110.00")).count() == 20_000


def test_an_exporter_cannot_change_prices(client, world):
    member_of(client, "Exporters")
    price = MarketPrice.objects.filter(market__slug="uk").first()
    client.post(
        "/admin/products/marketprice/",
        {"action": "change_prices", "_selected_action": [price.pk], "percent": "50"},
    )
    assert MarketPrice.objects.get(pk=price.pk).price == price.price


def test_the_variants_export_has_a_price_and_an_availability_per_market(world):
    out = io.StringIO()
    call_command("export", "variants", stdout=out)
    rows = {row["sku"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["BELAIR-L"]["price_uk (GBP)"] == "3400.00" and rows["BELAIR-L"]["price_japan (JPY)"] == "on request"
    assert rows["RODEO-S"]["price_japan (JPY)"] == "" and rows["RODEO-S"]["availability_japan"] == "Not sold here"
    assert rows["RODEO-S"]["price"] == "3000.00" and "price_europe (EUR)" not in rows["RODEO-S"]


def test_catalogue_queries_in_a_market_do_not_grow_with_the_catalogue(world):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert visitor("uk").get("/products/?sort=price").status_code == 200
        return len(captured)

    small = count()
    for n in range(30):
        variant = VariantFactory(product=ProductFactory(), sku=f"MORE-{n}")
        MarketPrice.objects.create(variant=variant, market=world["markets"]["uk"], price=Decimal(100 + n))
    assert count() == small


def test_the_price_facet_has_the_market_s_bands_counts_and_filter(world, settings):
    settings.PRICE_BANDS = {"EUR": [3500], "GBP": [3450]}
    house = visitor().get("/products/").content.decode()
    assert re.search(r'value="-3500"[^>]*> Under €3,500 \(1\)', house)
    assert re.search(r'value="3500-"[^>]*> €3,500 and over \(1\)', house)
    uk = visitor("uk")
    listing = uk.get("/products/").content.decode()
    assert re.search(r'value="-3450"[^>]*> Under £3,450 \(1\)', listing), "the Bel Air is £3,400 in the UK"
    assert cards(uk.get("/products/?price=-3450").content.decode()) == ["Bel Air"]
    assert cards(visitor().get("/products/?price=-3500").content.decode()) == ["Rodeo"]


def test_the_count_and_facets_of_a_market_are_its_own(world):
    """Japan does not sell the Rodeo: its count and facets must not be the house market's, kept under the same
    selection."""
    assert "2 products" in visitor().get("/products/").content.decode()
    japan = visitor("japan").get("/products/").content.decode()
    assert "1 product" in japan and "2 products" not in japan


def test_a_market_without_prices_has_no_price_facet(world):
    assert 'name="price"' not in visitor("china").get("/products/").content.decode()


def test_a_market_without_prices_offers_no_price_order_and_ignores_one(world):
    MarketPrice.objects.filter(market__slug="china").update(price=Decimal("1"))
    page = visitor("china").get("/products/").content.decode()
    assert "sort=price" not in page and "sort=-price" not in page
    by_price = cards(visitor("china").get("/products/?sort=-price").content.decode())
    assert by_price == sorted(by_price), "by name: the order must not tell the prices"


def test_the_house_market_keeps_its_slug_and_cannot_go(admin_client, world):
    europe = world["markets"]["europe"]
    url = f"/admin/products/market/{europe.pk}/change/"
    response = admin_client.post(url, {**form_data(admin_client.get(url)), "slug": "eu", "_save": "Save"})
    assert response.status_code == 200 and Market.objects.filter(slug="europe").exists()
    assert admin_client.get(f"/admin/products/market/{europe.pk}/delete/").status_code == 403
    listing = form_data(admin_client.get("/admin/products/market/"), "changelist-form")
    every = [str(market.pk) for market in Market.objects.all()]
    ask = {**listing, "action": "delete_selected", "_selected_action": every, "post": "yes"}
    admin_client.post("/admin/products/market/", ask)
    assert Market.objects.filter(slug="europe").exists()


def test_no_price_row_for_the_house_market(admin_client, world):
    response = admin_client.post(
        "/admin/products/marketprice/add/",
        {
            "variant": world["variants"][0].pk,
            "market": world["markets"]["europe"].pk,
            "price": "1",
            "availability": "available",
        },
    )
    assert response.status_code == 200
    assert not MarketPrice.objects.filter(market__slug="europe").exists()


def test_a_bulk_change_that_would_overflow_a_price_changes_nothing(admin_client, world):
    price = MarketPrice.objects.filter(market__slug="uk").first()
    MarketPrice.objects.filter(pk=price.pk).update(price=Decimal("9000000000"))
    listing = form_data(admin_client.get("/admin/products/marketprice/"), "changelist-form")
    ask = {**listing, "action": "change_prices", "_selected_action": [price.pk], "percent": "500"}
    response = admin_client.post("/admin/products/marketprice/", ask, follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert MarketPrice.objects.get(pk=price.pk).price == Decimal("9000000000")


def test_pages_say_they_vary_by_cookie_and_price_filters_are_cached(world):
    first = visitor("uk").get("/products/?price=-2000")
    assert "Cookie" in first["Vary"]
    assert first["X-Page-Cache"] == "miss" and visitor("uk").get("/products/?price=-2000")["X-Page-Cache"] == "hit"


def test_a_french_export_writes_availability_and_on_request_in_french(world):
    out = io.StringIO()
    call_command("export", "variants", "--language", "fr", stdout=out)
    rows = {row["sku"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["BELAIR-L"]["availability"] == "En stock"
    assert rows["BELAIR-L"]["price_japan (JPY)"] == "sur demande"
    assert rows["RODEO-S"]["availability_japan"] == "Non vendu ici"


def test_a_variant_s_own_price_is_in_the_house_market_s_currency(admin_client, world):
    variant = world["variants"][0]
    url = f"/admin/products/variant/{variant.pk}/change/"
    response = admin_client.post(url, {**form_data(admin_client.get(url)), "currency": "USD", "_save": "Save"})
    assert response.status_code == 200 and "house market" in response.content.decode()
    variant.refresh_from_db()
    assert variant.currency == "EUR"
