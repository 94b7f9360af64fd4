"""Products, campaigns, ambassadors and their parts in every language (products/translation.py,
campaigns/translation.py): French pages read French, a missing translation falls back to English marked `lang="en"`,
slugs may be translated and every old address still lands on the item, history keeps every language, search and
the catalogue read the page's language, exports take a language or give a column per language, and Translators
change translations only, on inlines too."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from campaigns.models import Credit
from products.models import Feature, Product
from tests.browser_forms import form_data
from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CategoryFactory,
    CollectionFactory,
    FeatureFactory,
    ProductImageFactory,
    QuoteFactory,
    full_product,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bel_air():
    product = full_product(
        name="Bel Air",
        name_fr="Bel Air",
        slug="bel-air",
        description="A soft calfskin tote.",
        description_fr="Un cabas souple en cuir de veau.",
    )
    product.features.all().delete()
    FeatureFactory(product=product, text="Logo-engraved twist lock", text_fr="Fermoir tournant gravé du logo")
    FeatureFactory(product=product, text="Two slender belts", order=1)  # no French yet
    return product


def test_french_pages_read_the_french_text_and_english_pages_the_english(client, bel_air):
    french = client.get("/fr/products/bel-air/").content.decode()
    english = client.get("/products/bel-air/").content.decode()
    assert "Un cabas souple en cuir de veau." in french and "A soft calfskin tote." not in french
    assert "A soft calfskin tote." in english and "Un cabas souple" not in english
    assert "<li>Fermoir tournant gravé du logo</li>" in french
    assert '<li><span lang="en">Two slender belts</span></li>' in french, "a missing translation, marked English"
    assert '<span lang="en">' not in english, "nothing marked on English pages"


def test_an_untranslated_alt_text_is_marked_on_its_picture(client, bel_air):
    ProductImageFactory(product=bel_air, alt_text="The bag from the side", order=5)
    french = client.get("/fr/products/bel-air/").content.decode()
    assert re.search(r'alt="The bag from the side" lang="en"', french)


def test_a_campaign_and_an_ambassador_read_french_with_their_credits_and_wardrobe():
    person = AmbassadorFactory(slug="kim", role="Brand ambassador", role_fr="Ambassadrice", bio_fr="Nommée en 2024.")
    campaign = CampaignFactory(
        slug="bel-air-campaign",
        title="Kim and the Bel Air",
        title_fr="Kim et le Bel Air",
        wardrobe="Faux fur coat\nTights",
        wardrobe_fr="Manteau en fausse fourrure\nCollants",
    )
    campaign.ambassadors.add(person)
    Credit.objects.create(campaign=campaign, role_en="Photographer", role_fr="Photographe", name="Nadav Kander")
    client = Client()
    page = client.get("/fr/campaigns/bel-air-campaign/").content.decode()
    assert "<h1>Kim et le Bel Air</h1>" in page and "<li>Manteau en fausse fourrure</li>" in page
    assert "<dt>Photographe</dt>" in page
    profile = client.get("/fr/ambassadors/kim/").content.decode()
    assert "Ambassadrice" in profile and "Nommée en 2024." in profile


def test_a_quote_keeps_its_language_and_shows_its_translation_on_pages_in_that_language(client, bel_air):
    QuoteFactory(subject=bel_air, text="Deceptively relaxed.", language="en", translation_fr="Faussement décontracté.")
    french = client.get("/fr/products/bel-air/").content.decode()
    english = client.get("/products/bel-air/").content.decode()
    assert '<blockquote lang="en"><p>Deceptively relaxed.</p></blockquote>' in french
    assert "Traduction : Faussement décontracté." in french
    assert "Faussement" not in english


def test_a_translated_slug_is_the_french_address_and_the_others_lead_there():
    collection = CollectionFactory(slug="fall-2024", slug_fr="automne-2024", name="Fall 2024", name_fr="Automne")
    client = Client()
    assert client.get("/fr/collections/automne-2024/").status_code == 200
    english_slug_in_french = client.get("/fr/collections/fall-2024/?page=1")
    assert english_slug_in_french.status_code == 301
    assert english_slug_in_french["Location"] == "/fr/collections/automne-2024/?page=1", "the query goes along"
    french_slug_in_english = client.get("/collections/automne-2024/")
    assert (french_slug_in_english.status_code, french_slug_in_english["Location"]) == (301, "/collections/fall-2024/")
    page = client.get("/fr/collections/automne-2024/").content.decode()
    assert 'hreflang="en" href="http://testserver/collections/fall-2024/"' in page
    assert 'hreflang="fr" href="http://testserver/fr/collections/automne-2024/"' in page
    switcher = client.get("/collections/fall-2024/").content.decode()
    assert '<a href="/fr/collections/automne-2024/" hreflang="fr"' in switcher
    sitemap = client.get("/sitemap-collections.xml").content.decode()
    assert "http://testserver/fr/collections/automne-2024/" in sitemap
    assert collection.pk


def test_an_old_address_after_a_rename_leads_to_the_item_and_a_deleted_one_is_gone(client, bel_air):
    product = Product.objects.get(pk=bel_air.pk)
    product.slug_en = "bel-air-tote"
    product.save()
    old = client.get("/products/bel-air/")
    assert (old.status_code, old["Location"]) == (301, "/products/bel-air-tote/")
    assert client.get("/fr/products/bel-air/")["Location"] == "/fr/products/bel-air-tote/"
    assert client.get("/products/bel-air-tote/").status_code == 200
    product.delete()
    assert client.get("/products/bel-air/").status_code == 404


def test_an_old_address_of_a_draft_is_no_way_in(client, bel_air):
    product = Product.objects.get(pk=bel_air.pk)
    product.slug_en = "secret-tote"
    product.status = "draft"
    product.save()
    assert client.get("/products/bel-air/").status_code == 404
    assert client.get("/products/secret-tote/").status_code == 404


def test_history_keeps_each_language_and_a_revert_brings_the_french_back(admin_client, bel_air):
    url = f"/admin/products/product/{bel_air.pk}/change/"
    data = form_data(admin_client.get(url), "product_form")
    admin_client.post(url, {**data, "description_fr": "Un autre texte.", "_continue": "1"})
    product = Product.objects.get(pk=bel_air.pk)
    assert product.description_fr == "Un autre texte."
    latest, previous = product.history.all()[:2]
    assert [change.field for change in latest.diff_against(previous).changes] == ["description_fr"]
    revert = f"/admin/products/product/{bel_air.pk}/history/{previous.history_id}/"
    data = form_data(admin_client.get(revert))
    assert admin_client.post(revert, {**data, "_save": "Save"}).status_code == 302
    assert Product.objects.get(pk=bel_air.pk).description_fr == "Un cabas souple en cuir de veau."


def test_search_and_the_catalogue_read_the_page_s_language(client, bel_air):
    assert "Bel Air" in client.get("/fr/search/?q=souple").content.decode()
    assert "Bel Air" in client.get("/fr/products/?q=souple").content.decode()
    assert "Bel Air" not in client.get("/products/?q=souple").content.decode()
    other = full_product(name="Zebra", slug="zebra", description="Only English words here.")
    assert other.pk
    assert "Zebra" in client.get("/fr/products/?q=english").content.decode(), "untranslated text is still found"


def test_the_catalogue_sorts_by_the_name_in_the_page_s_language():
    full_product(name="Apple", name_fr="Pomme", slug="apple")
    full_product(name="Zebra", name_fr="Abricot", slug="zebra")
    client = Client()
    english = client.get("/products/").content.decode()
    french = client.get("/fr/products/").content.decode()
    assert english.index("Apple") < english.index("Zebra")
    assert french.index("Abricot") < french.index("Pomme")


def export(*args):
    out = io.StringIO()
    call_command("export", "products", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_exports_take_a_language_or_give_a_column_per_language(bel_air):
    (english,) = export()
    (french,) = export("--language", "fr")
    assert "Two slender belts" in english["features"]
    assert "Fermoir tournant gravé du logo" in french["features"] and french["url"].endswith("/fr/products/bel-air/")
    (both,) = export("--language", "all")
    assert (
        both["description_en"] == "A soft calfskin tote."
        and both["description_fr"] == "Un cabas souple en cuir de veau."
    )
    assert "description" not in both and both["name_fr"] == "Bel Air"


def test_the_admin_export_gives_a_column_per_language_on_asking(admin_client, bel_air):
    response = admin_client.get("/admin/products/product/export/?format=csv&languages=all")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["description_fr"] == "Un cabas souple en cuir de veau."


def test_needs_french_finds_a_product_through_its_untranslated_feature(admin_client, bel_air):
    done = full_product(name="Done", name_fr="Fini", slug="done", description="", description_fr="")
    for parts in (done.features, done.images, done.product_materials, done.product_sizes):
        parts.all().delete()
    Product.objects.get(pk=done.pk).save()
    page = admin_client.get("/admin/products/product/?needs=fr").content.decode()
    assert f"/admin/products/product/{bel_air.pk}/change/" in page, "its second feature has no French"
    assert f"/admin/products/product/{done.pk}/change/" not in page


def test_a_translator_changes_translations_of_inline_rows_and_nothing_else(client, bel_air):
    member_of(client, "Translators")
    url = f"/admin/products/product/{bel_air.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="features-1-text_fr"' in body and 'name="features-1-text_en"' not in body
    assert 'name="description_fr"' in body and 'name="description_en"' not in body
    assert 'name="slug_fr"' not in body, "an address is the editors' choice"
    data = form_data(page, "product_form")
    response = client.post(url, {**data, "features-1-text_fr": "Deux fines ceintures", "_save": "Save"})
    assert response.status_code == 302, "the form as shown saves: rows are changed, none added"
    forged = {**data, "features-1-text_en": "Vandalised", "description_en": "Vandalised", "features-TOTAL_FORMS": "3"}
    forged |= {"features-2-text_fr": "Ajout", "features-2-order": "2", "_save": "Save"}
    client.post(url, forged)
    texts = list(Feature.objects.filter(product=bel_air).order_by("order").values_list("text_en", "text_fr"))
    assert texts[1] == ("Two slender belts", "Deux fines ceintures")
    assert len(texts) == 2, "a translator adds no row"
    assert Product.objects.get(pk=bel_air.pk).description_en == "A soft calfskin tote."


def test_a_translator_reverts_nothing_and_changes_no_list_column_nor_quote(client, bel_air):
    product = Product.objects.get(pk=bel_air.pk)
    product.name_en = "Bel Air renamed"
    product.save()
    oldest = product.history.order_by("history_id").first()
    member_of(client, "Translators")
    revert = f"/admin/products/product/{bel_air.pk}/history/{oldest.history_id}/"
    assert client.get(revert).status_code == 403
    assert client.post(revert, {"name_fr": "x", "_save": "Save"}).status_code == 403
    listing = form_data(client.get("/admin/products/product/"), "changelist-form")
    client.post("/admin/products/product/", {**listing, "form-0-family": "HACKED", "_save": "Save"})
    assert Product.objects.get(pk=bel_air.pk).family != "HACKED"
    quote = QuoteFactory(subject=bel_air, text="Deceptively relaxed.")
    url = f"/admin/products/quote/{quote.pk}/change/"
    client.post(url, {**form_data(client.get(url)), "text": "HACKED", "translation_fr": "Faussement.", "_save": "1"})
    quote.refresh_from_db()
    assert (quote.text, quote.translation_fr) == ("Deceptively relaxed.", "Faussement.")
    assert Product.objects.get(pk=bel_air.pk).name_en == "Bel Air renamed"


def test_no_item_takes_an_address_another_has_in_any_language(admin_client, bel_air):
    other = full_product(name="Rodeo", slug="rodeo")
    url = f"/admin/products/product/{bel_air.pk}/change/"
    data = form_data(admin_client.get(url), "product_form")
    response = admin_client.post(url, {**data, "slug_fr": "rodeo", "_save": "Save"})
    assert response.status_code == 200 and "Another item has this address" in response.content.decode()
    assert Product.objects.get(pk=bel_air.pk).slug_fr is None
    assert other.pk


def test_facet_counts_count_products_per_value_in_every_language(client):
    """modeltranslation makes default orderings explicit; an ordering in a GROUP BY would count each product apart."""
    category = CategoryFactory(slug="totes", name="Totes", name_fr="Cabas")
    show = CollectionFactory(slug="fall", name="Fall", name_fr="Automne")
    for name in ("Apple", "Banana"):
        full_product(name=name, slug=name.lower(), category=category, collection=show)
    for prefix in ("", "/fr"):
        body = client.get(f"{prefix}/products/").content.decode()
        assert re.search(r"(Totes|Cabas) \(2\)", body), prefix
        assert re.search(r"(Fall|Automne) \(2\)", body), prefix


def test_the_french_admin_finds_an_item_by_its_english_name_and_by_its_french_one(admin_client, bel_air):
    untranslated = full_product(name="Le Cagole", slug="le-cagole")
    campaign = CampaignFactory(title="Kim and the Bel Air", title_fr="Kim et le Bel Air")  # before any French page
    for query in ("cagole", "bel+air"):
        page = admin_client.get(f"/admin/products/product/?q={query}", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        expected = untranslated if query == "cagole" else bel_air
        assert f"/admin/products/product/{expected.pk}/change/" in page, query
    for query in ("kim+and", "kim+et"):
        page = admin_client.get(f"/admin/campaigns/campaign/?q={query}", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert f"/admin/campaigns/campaign/{campaign.pk}/change/" in page, query
