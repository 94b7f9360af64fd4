"""Categories, colorways, sizes and materials in every language (django-modeltranslation, products/translation.py):
French pages read French names, a missing translation falls back to English marked `lang="en"`, search finds
either language's names, the admin edits each language, and pages ask no more queries in French."""

import pytest

from products.models import Colorway
from tests.browser_forms import form_data
from tests.factories import CategoryFactory, ColorwayFactory, SizeFactory, full_product, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bel_air():
    product = full_product(name="Bel Air", slug="bel-air", category=CategoryFactory(name_en="Totes", name_fr="Cabas"))
    black = Colorway.objects.get(slug="black")
    black.name_fr = "Noir"
    black.save()  # as the admin does: the products' kept search terms learn the new name
    return product


def test_french_pages_read_french_names_and_english_ones_english(client, bel_air):
    french = client.get("/fr/products/bel-air/").content.decode()
    english = client.get("/products/bel-air/").content.decode()
    assert ">Noir</a>" in french and ">Cabas</a>" in french
    assert ">Black</a>" in english and ">Totes</a>" in english and "Noir" not in english
    catalogue = client.get("/fr/products/").content.decode()
    assert "Noir (1)" in catalogue and "Cabas" in catalogue


def test_a_missing_translation_falls_back_to_english_marked_as_english(client, bel_air):
    french = client.get("/fr/products/bel-air/").content.decode()
    assert '<span lang="en">Beige</span></a>' in french  # the beige colorway has no French name yet
    assert '<span lang="en">' not in client.get("/products/bel-air/").content.decode()


def test_the_same_filter_addresses_work_in_both_languages(client, bel_air):
    for prefix in ("", "/fr"):
        body = client.get(f"{prefix}/products/?colorway=black").content.decode()
        assert "Bel Air" in body, prefix


def test_search_finds_a_product_by_its_colour_in_either_language(client, bel_air):
    for prefix in ("", "/fr"):
        for word in ("noir", "black"):
            assert "Bel Air" in client.get(f"{prefix}/search/?q={word}").content.decode(), (prefix, word)


def test_a_french_rename_reaches_french_pages_at_once_and_leaves_english_ones(client, bel_air):
    assert ">Noir</a>" in client.get("/fr/products/bel-air/").content.decode()
    client.get("/products/bel-air/")
    colorway = Colorway.objects.get(slug="black")
    colorway.name_fr = "Noir profond"
    colorway.save()
    assert ">Noir profond</a>" in client.get("/fr/products/bel-air/").content.decode()
    assert ">Black</a>" in client.get("/products/bel-air/").content.decode()


def test_the_admin_edits_each_language_and_a_french_save_never_breaks_a_unique_name(client):
    member_of(client, "Editors")
    black = ColorwayFactory(slug="black", name_en="Black", name_fr="")
    url = f"/admin/products/colorway/{black.pk}/change/"
    form = form_data(client.get(url, headers={"accept-language": "fr"}))
    assert {"name_en", "name_fr"} <= form.keys()
    response = client.post(url, form | {"name_fr": "Noir"}, headers={"accept-language": "fr"})
    assert response.status_code == 302
    black.refresh_from_db()
    assert (black.name_en, black.name_fr) == ("Black", "Noir")
    # Saved in French, the row's untranslated column still holds English: an English "Noir" may exist.
    add = form_data(client.get("/admin/products/colorway/add/"))
    response = client.post(
        "/admin/products/colorway/add/", add | {"name_en": "Noir", "slug": "noir-anglais", "swatch": "#000000"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_pages_ask_as_many_queries_in_french_as_in_english(count_queries, bel_air):
    SizeFactory(slug="small", name_fr="Petit")
    for url in ("/", "/products/", "/products/?colorway=black&sort=price", "/products/bel-air/", "/search/?q=noir"):
        assert count_queries("/fr" + url) == count_queries(url), url


def test_each_translation_is_missing_up_to_date_or_outdated_after_its_source_changed():
    black = ColorwayFactory(slug="jet", name_en="Black", name_fr="")
    assert black.translation_status("name", "fr") == "missing" and black.needs_translation == " fr "
    black.name_fr = "Noir"
    black.save()
    assert black.translation_status("name", "fr") == "up to date" and black.needs_translation == ""
    black = Colorway.objects.get(pk=black.pk)
    black.name_en = "Jet black"  # the source changes: the French no longer says the same
    black.save()
    assert black.translation_status("name", "fr") == "outdated" and black.needs_translation == " fr "
    black = Colorway.objects.get(pk=black.pk)
    black.name_fr = "Noir de jais"  # translated again, against the new source
    black.save()
    assert black.translation_status("name", "fr") == "up to date"
    assert list(Colorway.objects.filter(needs_translation__contains=" fr ")) == []


def test_the_admin_shows_each_translation_s_status_and_filters_what_needs_french(admin_client):
    ColorwayFactory(slug="jet", name_en="Black", name_fr="Noir")
    oxblood = ColorwayFactory(slug="oxblood", name_en="Oxblood", name_fr="")
    page = admin_client.get("/admin/products/colorway/?needs=fr").content.decode()
    assert "Oxblood" in page and "Black" not in page
    form = admin_client.get(f"/admin/products/colorway/{oxblood.pk}/change/").content.decode()
    assert "French · name: missing" in form


def test_a_translator_changes_translations_and_nothing_else(client):
    from django.contrib.auth.models import Group, User

    translator = User.objects.create_user("traductrice", password="x", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    black = ColorwayFactory(slug="jet", name_en="Black", name_fr="", swatch="#111111")
    url = f"/admin/products/colorway/{black.pk}/change/"
    form = form_data(client.get(url))
    assert "name_fr" in form and "name_en" not in form and "swatch" not in form
    response = client.post(url, form | {"name_fr": "Noir", "name_en": "Hacked", "swatch": "#ff0000"})
    assert response.status_code == 302
    black.refresh_from_db()
    assert (black.name_en, black.name_fr, black.swatch) == ("Black", "Noir", "#111111")
    assert client.get("/admin/products/colorway/add/").status_code == 403
    assert client.get("/admin/products/product/add/").status_code == 403, "translators add nothing"


def test_a_facet_choice_without_its_french_name_is_marked_english(client, bel_air):
    catalogue = client.get("/fr/products/").content.decode()
    assert '<span lang="en">Beige</span> (1)' in catalogue and "> Noir (1)" in catalogue
