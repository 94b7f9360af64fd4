"""The catalogue, product and collection pages, through the test client."""

import datetime
import re

import pytest
from django.utils import timezone

from products.models import ProductSize, Size
from tests.factories import (
    CategoryFactory,
    CollectionFactory,
    ColorwayFactory,
    ProductFactory,
    SizeFactory,
    VariantFactory,
    full_product,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=3)


def test_catalogue_lists_published_products_only(client):
    full_product(name="Bel Air")
    ProductFactory(name="Secret draft", draft=True)
    ProductFactory(name="Scheduled bag", publish_at=LATER)
    ProductFactory(name="Expired bag", unpublish_at=timezone.now() - datetime.timedelta(seconds=1))
    body = client.get("/products/").content.decode()
    assert "Bel Air" in body
    for hidden in ("Secret draft", "Scheduled bag", "Expired bag"):
        assert hidden not in body


def test_catalogue_filters_by_colorway_size_and_category(client):
    black, ivory = ColorwayFactory(slug="black"), ColorwayFactory(slug="ivory")
    small = SizeFactory(slug="small")
    VariantFactory(product=ProductFactory(name="Black tote"), colorway=black, size=small)
    hobo = CategoryFactory(slug="hobo-bags", name="Hobo bags")
    VariantFactory(product=ProductFactory(name="Ivory hobo", category=hobo), colorway=ivory)
    assert "Black tote" in client.get("/products/?colorway=black").content.decode()
    assert "Ivory hobo" not in client.get("/products/?colorway=black").content.decode()
    both = client.get("/products/?colorway=black&colorway=ivory").content.decode()
    assert "Black tote" in both and "Ivory hobo" in both
    assert "Ivory hobo" not in client.get("/products/?size=small").content.decode()
    only_hobo = client.get("/products/?category=hobo-bags").content.decode()
    assert "Ivory hobo" in only_hobo and "Black tote" not in only_hobo


def test_catalogue_category_includes_its_subcategories(client):
    handbags = CategoryFactory(slug="handbags", name="Handbags")
    ProductFactory(name="Nested tote", category=CategoryFactory(slug="totes", parent=handbags))
    assert "Nested tote" in client.get("/products/?category=handbags").content.decode()


def test_catalogue_filters_by_collection_and_material_and_text(client):
    fall = CollectionFactory(slug="fall-2024")
    full_product(name="Bel Air", collection=fall)
    ProductFactory(name="Rodeo", family="Rodeo", description="")
    assert "Rodeo" not in client.get("/products/?collection=fall-2024").content.decode()
    assert "Rodeo" not in client.get("/products/?material=calfskin").content.decode()
    assert "Bel Air" in client.get("/products/?material=calfskin").content.decode()
    text = client.get("/products/?q=rode").content.decode()
    assert "Rodeo" in text and "Bel Air</h3>" not in text


def test_catalogue_hides_a_draft_collection_from_its_filter(client):
    CollectionFactory(slug="secret-show", name="Secret show", draft=True)
    assert "Secret show" not in client.get("/products/").content.decode()


def test_the_collection_filter_judges_publishing_at_each_request(client):
    """The choices were read once already; a collection published since is offered and filters."""
    client.get("/products/")
    fall = CollectionFactory(slug="fall-2024", name="Fall 2024", publish_at=timezone.now())
    ProductFactory(name="Bel Air", collection=fall)
    ProductFactory(name="Rodeo")
    body = client.get("/products/?collection=fall-2024").content.decode()
    assert "not understood" not in body
    assert "Bel Air</h3>" in body and "Rodeo</h3>" not in body


def test_the_filter_panel_escapes_names_and_marks_chosen_values(client):
    """The panel's text is escaped, and a chosen value checked."""
    colorway = ColorwayFactory(slug="noir", name='Noir <b>"profond"</b> & co')
    VariantFactory(product=ProductFactory(name="Bel Air"), colorway=colorway)
    body = client.get("/products/?colorway=noir").content.decode()
    assert "<b>" not in body
    assert "Noir &lt;b&gt;&quot;profond&quot;&lt;/b&gt; &amp; co (1)" in body
    assert re.search(r'<input type="checkbox" name="colorway" value="noir" id="id_colorway_\d+" checked>', body)


def test_catalogue_sorts_by_price_with_unpriced_products_last(client):
    VariantFactory(product=ProductFactory(name="Dear bag"), price=9000)
    VariantFactory(product=ProductFactory(name="Cheap bag"), price=100)
    ProductFactory(name="Aaa unpriced bag")
    body = client.get("/products/?sort=price").content.decode()
    assert body.index("Cheap bag") < body.index("Dear bag") < body.index("Aaa unpriced bag")
    body = client.get("/products/?sort=-price").content.decode()
    assert body.index("Dear bag") < body.index("Cheap bag") < body.index("Aaa unpriced bag")


def test_catalogue_paginates_with_links_that_keep_the_filters(client, settings):
    for _ in range(settings.CATALOGUE_PAGE_SIZE + 1):
        ProductFactory()
    body = client.get("/products/?sort=name").content.decode()
    assert "?sort=name&amp;page=2" in body
    assert client.get("/products/?page=2").context["page_obj"].number == 2


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=999999",
        "page=1e9",
        "colorway=nope",
        "colorway=%00",
        "size=%27%22%3E%3Cscript%3E",
        "category=" + "x" * 5000,
        "collection=%ff%fe",
        "material[]=1",
        "sort=DROP%20TABLE",
        "sort=-price&sort=name",
        "q=%00",
        "q=" + "%25" * 300,
        "q=%27%20OR%201%3D1--",
        "&".join(["colorway=c"] * 500),
    ],
)
def test_hostile_query_strings_give_a_normal_page(client, query):
    ProductFactory()
    response = client.get(f"/products/?{query}")
    assert response.status_code == 200


def test_an_ignored_filter_is_explained(client):
    ProductFactory()
    body = client.get("/products/?colorway=nope").content.decode()
    assert "were not understood and were ignored" in body


def test_product_page_shows_gallery_colorways_sizes_features_and_quotes(client):
    product = full_product(name="Bel Air")
    body = client.get(product.get_absolute_url()).content.decode()
    for expected in ("Bel Air", "Black", "Beige", "Small", "Large", "Logo-engraved metal twist lock", "Deceptively"):
        assert expected in body
    assert 'alt="A bag seen from the front"' in body


def test_product_page_links_the_family_but_not_its_drafts(client):
    product = full_product(name="Bel Air", family="Bel Air")
    ProductFactory(name="Bel Air Hobo", family="Bel Air")
    ProductFactory(name="Bel Air Mini draft", family="Bel Air", draft=True)
    body = client.get(product.get_absolute_url()).content.decode()
    assert "Bel Air Hobo" in body and "Bel Air Mini draft" not in body


def test_draft_scheduled_and_expired_products_are_404(client):
    for product in (
        ProductFactory(draft=True),
        ProductFactory(publish_at=LATER),
        ProductFactory(unpublish_at=timezone.now()),
    ):
        assert client.get(product.get_absolute_url()).status_code == 404


def test_unknown_product_and_collection_are_404(client):
    assert client.get("/products/no-such-bag/").status_code == 404
    assert client.get("/collections/no-such-show/").status_code == 404


def test_collection_page_lists_its_published_products(client):
    fall = CollectionFactory(name="Fall 2024", slug="fall-2024")
    ProductFactory(name="Shown bag", collection=fall)
    ProductFactory(name="Hidden bag", collection=fall, draft=True)
    body = client.get("/collections/fall-2024/").content.decode()
    assert "Shown bag" in body and "Hidden bag" not in body
    assert client.get(CollectionFactory(draft=True).get_absolute_url()).status_code == 404


def test_query_counts_do_not_grow_with_the_catalogue(count_queries):
    anchor = full_product(slug="anchor")
    fall = CollectionFactory(slug="fall-2024")
    urls = ["/products/", "/products/?colorway=black&sort=price", "/products/anchor/", "/collections/fall-2024/"]
    for _ in range(2):
        full_product(collection=fall, family=anchor.family)
    small = {url: count_queries(url) for url in urls}
    for _ in range(30):
        full_product(collection=fall, family=anchor.family)
    large = {url: count_queries(url) for url in urls}
    assert small == large


def test_picking_a_colour_shows_that_colorways_pictures(client):
    from tests.factories import ProductImageFactory

    product = full_product()
    black, beige = product.variants.first().colorway, product.variants.last().colorway
    ProductImageFactory(product=product, colorway=black, alt_text="The bag in black")
    ProductImageFactory(product=product, colorway=beige, alt_text="The bag in beige")
    both = client.get(product.get_absolute_url()).content.decode()
    assert "The bag in black" in both and "The bag in beige" in both
    only_black = client.get(product.get_absolute_url() + f"?colour={black.slug}").content.decode()
    assert "The bag in black" in only_black and "The bag in beige" not in only_black
    assert "A bag seen from the front" in only_black, "pictures of no colorway always show"
    odd = client.get(product.get_absolute_url() + "?colour=%00nope")
    assert odd.status_code == 200 and "The bag in beige" in odd.content.decode()


def test_filter_choices_show_counts_under_the_current_selection(client):
    black, ivory = ColorwayFactory(slug="black", name="Black"), ColorwayFactory(slug="ivory", name="Ivory")
    small, large = SizeFactory(slug="small", name="Small"), SizeFactory(slug="large", name="Large")
    VariantFactory(product=ProductFactory(), colorway=black, size=small)
    VariantFactory(product=ProductFactory(), colorway=black, size=large)
    VariantFactory(product=ProductFactory(), colorway=ivory, size=large)
    page = client.get("/products/").content.decode()
    assert "Black (2)" in page and "Ivory (1)" in page and "Large (2)" in page
    narrowed = client.get("/products/?colorway=black").content.decode()
    assert "Small (1)" in narrowed and "Large (1)" in narrowed, "sizes counted within black"
    assert "Ivory (1)" in narrowed, "a facet's own choices are counted without its own filter (multi-select)"
    assert "Totes (2)" in narrowed


def test_sort_links_keep_the_filters_and_go_back_to_page_one(client):
    black = ColorwayFactory(slug="black", name="Black")
    for _ in range(3):
        VariantFactory(product=ProductFactory(), colorway=black)
    body = client.get("/products/?colorway=black&page=1&sort=name").content.decode()
    assert '<a href="?colorway=black&amp;sort=-price">' in body
    assert '<a href="?colorway=black&amp;sort=name" aria-current="true">' in body
    assert '<input type="hidden" name="sort" value="name">' in body, "submitting the filters keeps the sort"


def test_several_choices_of_one_facet_widen_the_selection(client):
    black, ivory = ColorwayFactory(slug="black", name="Black"), ColorwayFactory(slug="ivory", name="Ivory")
    VariantFactory(product=ProductFactory(name="Night bag"), colorway=black)
    VariantFactory(product=ProductFactory(name="Day bag"), colorway=ivory)
    both = client.get("/products/?colorway=black&colorway=ivory").content.decode()
    assert "Night bag" in both and "Day bag" in both and "2 products" in both
    assert re.search(r'value="black" id="[^"]+" checked', both) and re.search(r'value="ivory" id="[^"]+" checked', both)


def test_facet_counts_follow_an_edit_at_once_even_with_the_page_cache_off(client, settings):
    settings.PAGE_CACHE = False  # the counts have their own cache; it must follow edits too
    black = ColorwayFactory(slug="black", name="Black")
    VariantFactory(product=ProductFactory(), colorway=black)
    assert "Black (1)" in client.get("/products/").content.decode()
    VariantFactory(product=ProductFactory(), colorway=black)
    assert "Black (2)" in client.get("/products/").content.decode()


def test_facet_counts_under_a_text_search_are_not_shared_with_another_search(client):
    black = ColorwayFactory(slug="black", name="Black")
    VariantFactory(product=ProductFactory(name="Rodeo"), colorway=black)
    VariantFactory(product=ProductFactory(name="Bel Air"), colorway=black)
    assert "Black (1)" in client.get("/products/?q=rodeo").content.decode()
    assert "Black (0)" in client.get("/products/?q=oodre").content.decode()


def panel_labels(body, facet):
    """The labels of one facet's choices in the filter panel, without their counts."""
    return set(re.findall(rf'name="{facet}" value="[^"]*" id="[^"]*"[^>]*>\s*([^<(]+?) \(', body))


def test_the_filter_panel_offers_only_values_of_published_products(client):
    from tests.factories import MaterialFactory, ProductMaterialFactory

    shown, scheduled, draft = (
        ProductFactory(name="Bel Air"),
        ProductFactory(publish_at=LATER),
        ProductFactory(draft=True),
    )
    VariantFactory(product=shown, colorway=ColorwayFactory(slug="black", name="Black"), size=SizeFactory(name="Small"))
    VariantFactory(product=draft, colorway=ColorwayFactory(slug="neon", name="Secretneon Colour"))
    VariantFactory(
        product=scheduled, colorway=ColorwayFactory(slug="soon", name="Soon Colour"), size=SizeFactory(name="XXL")
    )
    ProductMaterialFactory(product=shown, material=MaterialFactory(slug="calfskin", name="Calfskin"))
    ProductMaterialFactory(product=draft, material=MaterialFactory(slug="secret-silk", name="Secret silk"))
    draft.category = CategoryFactory(slug="secret-shoes", name="Secret shoes")
    draft.collection = CollectionFactory(slug="resort", name="Resort")
    draft.save()
    CollectionFactory(slug="empty-show", name="Empty show")

    body = client.get("/products/").content.decode()
    assert "Secretneon" not in body and "Soon Colour" not in body
    assert panel_labels(body, "colorway") == {"Black"}
    assert panel_labels(body, "size") == {"Small"}
    assert panel_labels(body, "material") == {"Calfskin"}
    assert panel_labels(body, "category") == {"Totes"}
    assert panel_labels(body, "collection") == set()


def test_a_parent_category_is_offered_when_only_its_subcategories_hold_products(client):
    handbags = CategoryFactory(slug="handbags", name="Handbags")
    ProductFactory(category=CategoryFactory(slug="hobo-bags", name="Hobo bags", parent=handbags))
    assert panel_labels(client.get("/products/").content.decode(), "category") == {"Handbags", "Hobo bags"}


def test_a_value_appears_in_the_panel_when_its_product_is_published(client, settings):
    draft = ProductFactory(draft=True)
    VariantFactory(product=draft, colorway=ColorwayFactory(slug="neon", name="Neon"))
    assert "Neon" not in client.get("/products/").content.decode()
    draft.status = "published"
    draft.save()
    assert panel_labels(client.get("/products/").content.decode(), "colorway") == {"Neon"}
    assert "not understood" not in client.get("/products/?colorway=neon").content.decode()


def test_a_value_of_drafts_only_is_not_understood_as_a_filter(client):
    VariantFactory(product=ProductFactory(draft=True), colorway=ColorwayFactory(slug="neon", name="Neon"))
    ProductFactory(name="Bel Air")
    body = client.get("/products/?colorway=neon").content.decode()
    assert "Bel Air</h3>" in body and "Neon" not in body


def test_a_scheduled_products_colour_is_offered_from_its_publish_time_on(client):
    import time

    coming = ProductFactory(publish_at=timezone.now() + datetime.timedelta(seconds=1))
    VariantFactory(product=coming, colorway=ColorwayFactory(slug="launch-red", name="Launch red"))
    assert "Launch red" not in client.get("/products/").content.decode()
    time.sleep(max(0, (coming.publish_at - timezone.now()).total_seconds()) + 0.05)
    assert panel_labels(client.get("/products/").content.decode(), "colorway") == {"Launch red"}


def test_a_size_shows_the_dimensions_of_this_product_not_another_s(client):
    """Dimensions belong to a product's size: the Bel Air's medium is not the Rodeo's."""
    bel_air, rodeo = full_product(slug="bel-air"), full_product(slug="rodeo")
    large = Size.objects.get(slug="large")
    ProductSize.objects.create(product=bel_air, size=large, dimensions="W 40 × H 29 × D 17 cm")
    ProductSize.objects.create(product=rodeo, size=large, dimensions="W 35 × H 25 × D 15 cm")
    bel_air_page = client.get("/products/bel-air/").content.decode()
    rodeo_page = client.get("/products/rodeo/").content.decode()
    assert "W 40 × H 29 × D 17 cm" in bel_air_page and "W 35" not in bel_air_page
    assert "W 35 × H 25 × D 15 cm" in rodeo_page and "W 40" not in rodeo_page


def test_a_product_page_writes_every_price_the_same_way(client):
    """The header said "€3,900" and the table "3900.00 EUR": one formatting now (products.models.price_text)."""
    product = full_product(slug="bel-air")
    product.variants.update(price="3900.00")
    page = client.get("/products/bel-air/").content.decode()
    assert "3900.00 EUR" not in page
    assert page.count("€3,900") >= 1 + product.variants.count(), "the header and every row of the table"
