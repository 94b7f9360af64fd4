"""Every write path checks the writer's rights: reverts, revivals, moves between series, share links, inlines."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.models import Campaign
from core.models import ShareLink
from core.publishing import Status
from products.models import Product, Variant
from tests.browser_forms import form_data
from tests.factories import (
    CampaignFactory,
    ProductFactory,
    SeriesFactory,
    VariantFactory,
    admin_change_form,
    member_of,
)

pytestmark = pytest.mark.django_db


def revert_url(item, record):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/history/{record.history_id}/"


def test_a_viewer_cannot_change_a_product_through_the_revert_form(client):
    member_of(client, "Exporters")
    product = ProductFactory(name="Bel Air", description="Real words.")
    record = product.history.first()
    response = client.post(revert_url(product, record), admin_change_form(product, description="Vandalised."))
    assert response.status_code == 403
    assert Product.objects.get(pk=product.pk).description == "Real words."


def test_a_viewer_cannot_change_a_variant_through_the_revert_form(client):
    member_of(client, "Exporters")
    variant = VariantFactory(price="3900.00")
    record = variant.history.first()
    data = {
        "product": variant.product_id,
        "colorway": variant.colorway_id,
        "size": variant.size_id,
        "sku": variant.sku,
        "price": "1.00",
        "currency": "EUR",
        "availability": "in_stock",
    }
    assert client.post(revert_url(variant, record), data).status_code == 403
    assert Variant.objects.get(pk=variant.pk).price == 3900


def test_a_viewer_cannot_bring_back_a_deleted_product(client):
    member_of(client, "Exporters")
    product = ProductFactory(name="Gone")
    data, record, pk = admin_change_form(product), product.history.first(), product.pk
    product.delete()
    response = client.post(f"/admin/products/product/{pk}/history/{record.history_id}/", data)
    assert response.status_code == 403
    assert not Product.objects.filter(pk=pk).exists()


def test_an_editor_brings_back_a_deleted_product_only_as_a_draft(client):
    member_of(client, "Editors")
    product = ProductFactory(name="Gone")
    data, record, pk = admin_change_form(product), product.history.first(), product.pk
    product.delete()
    response = client.post(f"/admin/products/product/{pk}/history/{record.history_id}/", data)
    assert response.status_code == 302
    assert Product.objects.get(pk=pk).status == Status.DRAFT


def test_the_revert_page_shows_no_revert_button_to_a_viewer(client):
    member_of(client, "Exporters")
    product = ProductFactory()
    page = client.get(revert_url(product, product.history.first())).content.decode()
    assert 'name="_save"' not in page


def test_an_editor_cannot_move_a_published_campaign_into_another_series(client):
    member_of(client, "Editors")
    campaign = CampaignFactory()
    draft_series = SeriesFactory(draft=True)
    page = client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="series"' not in page, "the series is read-only for an editor on a published campaign"
    # The revert form goes through the same rules: an old version in another series is not restored.
    original = campaign.series
    Campaign.objects.filter(pk=campaign.pk).update(series=draft_series)
    old = campaign.history.first()  # the version in the published series
    Campaign.objects.filter(pk=campaign.pk).update(series=original)
    assert old.series_id == original.pk
    campaign.series = draft_series
    campaign.save()  # now in the draft series: off the site
    data = {
        "title_en": campaign.title,
        "slug_en": campaign.slug,
        "launch_date": "2024-11-01",
        "series": original.pk,
        **{f"{prefix}-{key}": "0" for prefix in INLINES for key in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    response = client.post(revert_url(campaign, old), data)
    assert response.status_code == 302, "the revert is saved, all but the series"
    assert Campaign.objects.get(pk=campaign.pk).series == draft_series
    assert not Campaign.objects.published().filter(pk=campaign.pk).exists()


INLINES = ("campaignproduct_set", "credits", "gallery", "products-quote-content_type-object_id")


def test_an_editor_may_file_a_draft_campaign_under_any_series(client):
    member_of(client, "Editors")
    campaign = CampaignFactory(draft=True)
    page = client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="series"' in page


def test_a_publisher_may_move_a_published_campaign(client):
    member_of(client, "Publishers")
    campaign = CampaignFactory()
    page = client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="series"' in page


def share_link_form(link, expires_at):
    local = timezone.localtime(expires_at)
    return {
        "note": link.note,
        "expires_at_0": local.date().isoformat(),
        "expires_at_1": local.time().strftime("%H:%M:%S"),
    }


@pytest.fixture
def link(admin_user):
    return ShareLink.objects.create(subject=ProductFactory(draft=True), created_by=admin_user)


def test_a_share_link_cannot_be_extended(admin_client, link):
    later = link.expires_at + datetime.timedelta(days=30)
    response = admin_client.post(f"/admin/core/sharelink/{link.pk}/change/", share_link_form(link, later))
    assert response.status_code == 200
    assert "cannot be extended" in response.content.decode()
    assert ShareLink.objects.get(pk=link.pk).expires_at == link.expires_at


def test_a_share_link_can_be_shortened(admin_client, link):
    sooner = (link.expires_at - datetime.timedelta(days=3)).replace(microsecond=0)
    response = admin_client.post(f"/admin/core/sharelink/{link.pk}/change/", share_link_form(link, sooner))
    assert response.status_code == 302
    assert ShareLink.objects.get(pk=link.pk).expires_at == sooner


def test_an_expired_share_link_cannot_be_revived(admin_client, link):
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    link.refresh_from_db()
    later = timezone.now() + datetime.timedelta(days=7)
    admin_client.post(f"/admin/core/sharelink/{link.pk}/change/", share_link_form(link, later))
    assert not ShareLink.objects.get(pk=link.pk).is_active()


def test_generating_variants_needs_the_right_to_add_variants(client):
    user = member_of(client, "Editors")
    user.groups.clear()
    user.user_permissions.add(*Group.objects.get(name="Editors").permissions.exclude(codename="add_variant"))
    product = ProductFactory()
    url = f"/admin/products/product/{product.pk}/variants/generate/"
    assert client.get(url).status_code == 403


def test_a_launch_needs_every_publishing_right_it_uses(client):
    user = member_of(client, "Publishers")
    user.groups.clear()
    user.user_permissions.add(*Group.objects.get(name="Publishers").permissions.exclude(codename="publish_product"))
    assert client.get("/admin/campaigns/launch/add/").status_code == 403


def test_an_editor_s_save_after_a_publisher_unpublished_meanwhile_still_goes_through(client):
    """The editor's page showed the series read-only; it is not suddenly a required field they never saw."""
    member_of(client, "Editors")
    campaign = CampaignFactory(summary="Old.")
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    data = form_data(client.get(url), "campaign_form")
    Campaign.objects.filter(pk=campaign.pk).update(status=Status.DRAFT)  # a publisher unpublishes it
    response = client.post(url, {**data, "summary_en": "New words.", "_save": "Save"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.summary, campaign.series_id, campaign.status) == ("New words.", campaign.series_id, "draft")
