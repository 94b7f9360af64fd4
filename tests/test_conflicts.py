"""Two editors, one item: no save silently undoes another, on any form, inline row or list row."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from core.publishing import Status
from products.models import Brand, Colorway, Product, Variant
from tests.browser_forms import form_data
from tests.factories import BrandFactory, ColorwayFactory, ProductFactory, full_product

pytestmark = pytest.mark.django_db


def editor(name):
    client = Client()
    client.force_login(User.objects.create_superuser(name, password="x"))
    return client


def opened(client, url):
    """What `client`'s browser would post back from the page at `url`, untouched."""
    return form_data(client.get(url))


def save(client, url, data, **changes):
    return client.post(url, {**data, "_save": "Save", **changes})


def change_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def test_changes_to_different_fields_are_merged_not_lost():
    product = ProductFactory(name="Bel Air", description="Original.", family="Bel Air")
    url = change_url(product)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)

    assert save(anna, url, anna_form, description_en="Anna's words.", family="Bel Air family").status_code == 302
    response = save(ben, url, ben_form, name_en="Bel Air by Ben")
    assert response.status_code == 302, "nothing Ben changed was changed by Anna: no question to ask"
    product.refresh_from_db()
    assert (product.name, product.description, product.family) == ("Bel Air by Ben", "Anna's words.", "Bel Air family")
    assert "theirs were kept" in ben.get(url).content.decode()


def test_a_field_both_changed_is_a_conflict_and_saving_again_keeps_the_other_fields():
    product = ProductFactory(name="Bel Air", family="Bel Air")
    url = change_url(product)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)

    save(anna, url, anna_form, name_en="Bel Air by Anna", family="Anna's family")
    response = save(ben, url, ben_form, name_en="Bel Air by Ben")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved" in page and "anna" in page and "Bel Air by Anna" in page
    assert 'value="Bel Air by Ben"' in page, "Ben's input is still in the form"
    product.refresh_from_db()
    assert (product.name, product.family) == ("Bel Air by Anna", "Anna's family")

    # Ben read the message and saves again from the page he got (its family field still shows the old value).
    again = save(ben, url, form_data(response))
    assert again.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.family) == ("Bel Air by Ben", "Anna's family"), "Anna's family survives"


def test_an_inline_row_changed_elsewhere_is_not_put_back_by_the_parent_form():
    product = full_product(description="Old.")
    variant = product.variants.first()
    anna, ben = editor("anna"), editor("ben")
    anna_form = opened(anna, change_url(product))

    ben_form = opened(ben, change_url(variant))
    assert save(ben, change_url(variant), ben_form, price="4200.00").status_code == 302

    assert save(anna, change_url(product), anna_form, description_en="A new description.").status_code == 302
    variant.refresh_from_db()
    product.refresh_from_db()
    assert variant.price == Decimal("4200.00"), "Ben's price is not silently back to the old one"
    assert product.description == "A new description."


def test_an_inline_row_both_changed_is_a_conflict():
    product = full_product()
    variant = product.variants.order_by("pk").first()
    anna, ben = editor("anna"), editor("ben")
    anna_form = opened(anna, change_url(product))
    save(ben, change_url(variant), opened(ben, change_url(variant)), price="4200.00")

    row = next(
        k for k, v in anna_form.items() if k.startswith("variants-") and k.endswith("-id") and v == str(variant.pk)
    )
    response = save(anna, change_url(product), anna_form, **{row.replace("-id", "-price"): "3100.00"})
    assert response.status_code == 200
    assert "Someone else saved" in response.content.decode()
    assert Variant.objects.get(pk=variant.pk).price == Decimal("4200.00")


@pytest.mark.parametrize(
    "factory, field",
    [(BrandFactory, "name"), (ColorwayFactory, "name_en"), (ColorwayFactory, "name_fr")],
    ids=["brand", "colorway", "colorway in French"],
)
def test_reference_data_has_conflict_detection_too(factory, field):
    item = factory()
    url = change_url(item)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)
    save(anna, url, anna_form, **{field: "Anna's name"})
    response = save(ben, url, ben_form, **{field: "Ben's name"})
    assert response.status_code == 200 and "Someone else saved" in response.content.decode()
    assert getattr(type(item).objects.get(pk=item.pk), field) == "Anna's name"


def test_list_editable_refuses_rows_both_changed_and_keeps_the_rest():
    product = ProductFactory(family="Bel Air")
    other = ProductFactory(family="Rodeo")
    anna, ben = editor("anna"), editor("ben")
    ben_list = form_data(ben.get("/admin/products/product/"), "changelist-form")
    save(anna, change_url(product), opened(anna, change_url(product)), family="Anna")
    save(anna, change_url(other), opened(anna, change_url(other)), family="Rodeo by Anna")

    row = next(k for k, v in ben_list.items() if re.fullmatch(r"form-\d+-id", k) and v == str(product.pk))
    response = save(ben, "/admin/products/product/", ben_list, **{row.replace("-id", "-family"): "Ben"})
    assert response.status_code == 200 and "Someone else saved" in response.content.decode()
    assert Product.objects.get(pk=product.pk).family == "Anna"
    assert Product.objects.get(pk=other.pk).family == "Rodeo by Anna", "an untouched row is not written back"


def test_a_form_without_snapshot_still_saves_everything():
    """Scripts and old pages post no snapshot: Django's plain behaviour, every field written."""
    brand = BrandFactory(name="Old")
    response = editor("anna").post(change_url(brand), {"name": "New", "slug": brand.slug, "description": ""})
    assert response.status_code == 302
    assert Brand.objects.get(pk=brand.pk).name == "New"


def test_a_bulk_action_does_not_touch_items_changed_meanwhile():
    product = ProductFactory(draft=True)
    anna, ben = editor("anna"), editor("ben")
    ben_list = form_data(ben.get("/admin/products/product/"), "changelist-form")
    save(anna, change_url(product), opened(anna, change_url(product)), name="Renamed")
    response = ben.post(
        "/admin/products/product/",
        {"action": "publish", "_selected_action": [product.pk], "_loaded_at": ben_list["_loaded_at"]},
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode()
    assert Product.objects.get(pk=product.pk).status == Status.DRAFT


def test_without_a_concurrent_save_everything_goes_through():
    product = ProductFactory(draft=True)
    ben = editor("ben")
    stamp = re.search(r'name="_loaded_at" value="([^"]+)"', ben.get("/admin/products/product/").content.decode())
    ben.post(
        "/admin/products/product/", {"action": "publish", "_selected_action": [product.pk], "_loaded_at": stamp[1]}
    )
    assert Product.objects.get(pk=product.pk).status == Status.PUBLISHED


def test_a_colorway_untouched_in_the_product_form_is_not_reverted():
    """The same holds one level down: a colorway renamed elsewhere keeps its name whatever the product form says."""
    colorway = ColorwayFactory(name="Black")
    url = change_url(colorway)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)
    save(anna, url, anna_form, swatch="#111111")
    assert save(ben, url, ben_form, name_fr="Noir").status_code == 302
    colorway.refresh_from_db()
    assert (colorway.name_en, colorway.name_fr, colorway.swatch) == ("Black", "Noir", "#111111")
    assert Colorway.objects.count() == 1


def test_deleting_a_row_someone_else_changed_asks_first():
    product = full_product()
    variant = product.variants.order_by("pk").first()
    anna, ben = editor("anna"), editor("ben")
    anna_form = opened(anna, change_url(product))
    save(ben, change_url(variant), opened(ben, change_url(variant)), price="4200.00")

    row = next(k for k, v in anna_form.items() if re.fullmatch(r"variants-\d+-id", k) and v == str(variant.pk))
    response = save(anna, change_url(product), anna_form, **{row.replace("-id", "-DELETE"): "on"})
    assert response.status_code == 200 and "Not deleted" in response.content.decode()
    assert Variant.objects.filter(pk=variant.pk).exists()
    # Anna has seen Ben's change; deleting again goes through.
    again = save(anna, change_url(product), form_data(response), **{row.replace("-id", "-DELETE"): "on"})
    assert again.status_code == 302
    assert not Variant.objects.filter(pk=variant.pk).exists()


def test_spaces_around_a_stored_text_do_not_make_it_look_touched():
    """A form strips text: a value written elsewhere with spaces around it must not read as changed by you."""
    product = ProductFactory(name="Bel Air")
    Product.objects.filter(pk=product.pk).update(description="  Words with spaces around.  \n")
    url = change_url(product)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)
    save(anna, url, anna_form, description_en="Anna's words.")
    assert save(ben, url, ben_form, name_en="Bel Air by Ben").status_code == 302
    product.refresh_from_db()
    assert (product.name, product.description) == ("Bel Air by Ben", "Anna's words.")


def test_changing_a_row_someone_else_deleted_says_so():
    product = full_product()
    variant = product.variants.order_by("pk").first()
    anna = editor("anna")
    anna_form = opened(anna, change_url(product))
    Variant.objects.filter(pk=variant.pk).delete()  # Ben deleted it meanwhile
    row = next(k for k, v in anna_form.items() if re.fullmatch(r"variants-\d+-id", k) and v == str(variant.pk))
    response = save(anna, change_url(product), anna_form, **{row.replace("-id", "-price"): "3100.00"})
    assert response.status_code == 200
    assert "were deleted by someone else after you opened this page" in response.content.decode()


def test_a_conflict_marks_the_field_and_names_the_zone_of_its_time():
    product = ProductFactory(name="Bel Air")
    url = change_url(product)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)
    save(anna, url, anna_form, name_en="Bel Air by Anna")
    page = save(ben, url, ben_form, name_en="Bel Air by Ben").content.decode()
    assert "Changed meanwhile to “Bel Air by Anna”" in page, "the error sits at the field too"
    assert re.search(r"anna at .* CES?T", page)


def test_the_kept_changes_notice_names_fields_by_their_labels():
    product = ProductFactory(name="Bel Air", debut_date=None)
    url = change_url(product)
    anna, ben = editor("anna"), editor("ben")
    anna_form, ben_form = opened(anna, url), opened(ben, url)
    save(anna, url, anna_form, debut_date="2024-07-01")
    save(ben, url, ben_form, name_en="Bel Air by Ben")
    assert "theirs were kept: Debut date" in ben.get(url).content.decode()
