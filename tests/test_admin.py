"""The real admin, for editors: every page renders, fast, with the right guards."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaigns.models import Campaign, Launch
from core.models import ShareLink
from core.publishing import Status
from products.models import Market, MarketPrice, Product
from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CampaignProductFactory,
    CollectionFactory,
    ProductFactory,
    QuoteFactory,
    SeriesFactory,
    admin_product_form,
    full_product,
)

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def content(tmp_path):
    product = full_product()
    campaign = CampaignFactory(series=SeriesFactory())
    campaign.ambassadors.add(AmbassadorFactory())
    CampaignProductFactory(campaign=campaign, product=product)
    CollectionFactory()
    QuoteFactory(subject=campaign)
    Group.objects.get_or_create(name="Exporters")
    ShareLink.objects.create(subject=product)
    uk = Market.objects.create(slug="uk", name="United Kingdom", currency="GBP")
    MarketPrice.objects.create(variant=product.variants.first(), market=uk, price=3400)
    Launch.objects.create(name="Launch", campaign=campaign, go_live_at=timezone.now() + timedelta(days=1))
    # django-axes' records: a successful login, then a failed one (success resets failures).
    User.objects.create_user("visitor-editor", password="a long password", is_staff=True)
    Client().post("/admin/login/", {"username": "visitor-editor", "password": "a long password"})
    Client().post("/admin/login/", {"username": "visitor-editor", "password": "wrong"})
    call_command("export", "products", output=str(tmp_path / "products.csv"))  # an export log line
    return product


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", [model for model, _ in REGISTERED], ids=lambda m: m._meta.label)
def test_every_changelist_add_and_change_form_renders(admin_client, admin_user, rf, content, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist") + "?q=bel").status_code == 200
    request = rf.get("/")
    request.user = admin_user
    if admin.site._registry[model].has_add_permission(request):
        assert admin_client.get(_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"no {model._meta.label} to open"
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", [model for model, _ in REGISTERED], ids=lambda m: m._meta.label)
def test_admin_pages_need_a_staff_login(client, content, model):
    response = client.get(_url(model, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_permission_is_refused(client, content):
    user = User.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(_url(Product, "changelist")).status_code == 403
    assert client.get(_url(Product, "change", content.pk)).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_product"))
    assert client.get(_url(Product, "change", content.pk)).status_code == 200


def test_changelist_and_change_form_queries_do_not_grow_with_the_catalogue(admin_client):
    product = full_product()
    campaign = CampaignFactory()
    CampaignProductFactory(campaign=campaign, product=product)
    for _ in range(3):
        full_product()
    urls = [
        _url(Product, "changelist"),
        _url(Product, "change", product.pk),
        _url(Campaign, "changelist"),
        _url(Campaign, "change", campaign.pk),
        reverse("admin:products_variant_changelist"),
    ]

    def counts():
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert admin_client.get(url).status_code == 200
            result[url] = len(captured)
        return result

    small = counts()
    for _ in range(25):
        full_product()
    assert counts() == small


def test_no_select_lists_every_product(admin_client):
    campaign = CampaignFactory()
    for _ in range(5):
        ProductFactory(name="Needle in the list")
    body = admin_client.get(_url(Campaign, "change", campaign.pk)).content.decode()
    assert "Needle in the list" not in body  # products come through autocomplete only


def test_autocomplete_finds_products_for_the_campaign_inline(admin_client):
    ProductFactory(name="Bel Air Hobo")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "hobo",
            "app_label": "campaigns",
            "model_name": "campaignproduct",
            "field_name": "product",
        },
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Bel Air Hobo"]


def test_publish_and_unpublish_actions(admin_client):
    drafts = [ProductFactory(draft=True) for _ in range(2)]
    response = admin_client.post(
        _url(Product, "changelist"), {"action": "publish", "_selected_action": [p.pk for p in drafts]}
    )
    assert response.status_code == 302
    assert set(Product.objects.filter(pk__in=[p.pk for p in drafts]).values_list("status", flat=True)) == {
        Status.PUBLISHED
    }
    admin_client.post(_url(Product, "changelist"), {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == Status.DRAFT


def test_publish_is_offered_on_the_change_form(admin_client):
    product = ProductFactory(draft=True)
    body = admin_client.get(_url(Product, "change", product.pk)).content.decode()
    assert 'value="publish"' in body


def test_change_list_shows_thumbnails_and_view_on_site(admin_client):
    product = full_product()
    assert 'class="admin-thumbnail"' in admin_client.get(_url(Product, "changelist")).content.decode()
    body = admin_client.get(_url(Product, "change", product.pk)).content.decode()
    assert "View on site" in body


def test_the_visibility_filter_separates_live_scheduled_and_drafts(admin_client):
    ProductFactory(name="Live one")
    ProductFactory(name="Future one", publish_at=timezone.now() + timedelta(days=1))
    ProductFactory(name="Draft one", draft=True)
    live = admin_client.get(_url(Product, "changelist") + "?visibility=live").content.decode()
    assert "Live one" in live and "Future one" not in live and "Draft one" not in live
    scheduled = admin_client.get(_url(Product, "changelist") + "?visibility=scheduled").content.decode()
    assert "Future one" in scheduled and "Live one" not in scheduled


def test_an_image_without_alt_text_is_refused_with_a_form_error(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    buffer.name = "red.png"
    buffer.seek(0)
    data = admin_product_form(
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": buffer,
            "images-0-alt_text_en": "",
            "images-0-role": "front",
            "images-0-order": "0",
        }
    )
    response = admin_client.post(_url(Product, "add"), data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Product.objects.exists()


def test_a_non_image_upload_is_refused_with_a_form_error(admin_client):
    data = admin_product_form(
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("bag.jpg", b"<?php echo 'not an image'; ?>", "image/jpeg"),
            "images-0-alt_text_en": "A bag",
            "images-0-role": "front",
            "images-0-order": "0",
        }
    )
    response = admin_client.post(_url(Product, "add"), data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Product.objects.exists()


def test_a_valid_product_saves_through_the_admin(admin_client):
    response = admin_client.post(_url(Product, "add"), admin_product_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Product.objects.get().slug == "new-bag"


def test_product_search_finds_a_product_by_its_sku(admin_client):
    product = full_product(name="Bel Air")
    ProductFactory(name="Another bag")
    sku = product.variants.first().sku
    body = admin_client.get(_url(Product, "changelist"), {"q": sku}).content.decode()
    assert "Bel Air" in body and "Another bag" not in body


@pytest.mark.parametrize(
    "url",
    [
        "products/product",
        "products/collection",
        "campaigns/ambassador",
        "campaigns/campaignseries",
        "campaigns/campaign",
    ],
)
def test_slug_help_shows_an_address_not_an_empty_one(admin_client, url):
    """Help texts are rendered as HTML by the admin: "<slug>" used to vanish, leaving "/products//."."""
    page = admin_client.get(f"/admin/{url}/add/").content.decode()
    assert "//." not in page
    assert re.search(r"as in /[a-z/]+/[a-z0-9-]+/\.", page)
