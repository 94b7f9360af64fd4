"""Launches: an installment and what it needs go live together, at one moment."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from campaigns.models import Ambassador, Campaign, CampaignSeries, Launch
from campaigns.services import launch_schedule
from core.publishing import Status
from products.models import Product
from tests.factories import AmbassadorFactory, CampaignFactory, CampaignProductFactory, ProductFactory, SeriesFactory

pytestmark = pytest.mark.django_db

GO_LIVE = timezone.now() + datetime.timedelta(days=3)


@pytest.fixture
def installment():
    campaign = CampaignFactory(draft=True, series=SeriesFactory(draft=True), slug="bel-air-study")
    campaign.ambassadors.add(AmbassadorFactory(draft=True, slug="kim"))
    CampaignProductFactory(campaign=campaign, product=ProductFactory(draft=True, slug="bel-air"))
    CampaignProductFactory(campaign=campaign, product=ProductFactory(slug="already-live"))
    return campaign


def everything(campaign):
    return [campaign, campaign.series, *campaign.products.all(), *campaign.ambassadors.all()]


def test_everything_goes_live_at_the_same_moment(installment):
    launch = Launch.objects.create(name="Bel Air", campaign=installment, go_live_at=GO_LIVE)
    launch_schedule(launch=launch)
    items = [type(item).objects.get(pk=item.pk) for item in everything(installment)]
    just_before = GO_LIVE - datetime.timedelta(microseconds=1)
    assert not any(
        type(item).objects.published(now=just_before).filter(pk=item.pk).exists()
        for item in items
        if item.slug != "already-live"
    )
    assert all(type(item).objects.published(now=GO_LIVE).filter(pk=item.pk).exists() for item in items)


def test_what_is_already_live_stays_live(installment):
    launch_schedule(launch=Launch.objects.create(name="Bel Air", campaign=installment, go_live_at=GO_LIVE))
    live = Product.objects.get(slug="already-live")
    assert live.publish_at is None and live.is_published()


def test_a_live_item_with_a_come_down_date_keeps_it_and_stays_live(installment):
    """A launch never takes down what visitors see today, nor moves when it comes down."""
    comes_down = timezone.now() + datetime.timedelta(days=30)
    Product.objects.filter(slug="already-live").update(unpublish_at=comes_down)
    launch = Launch.objects.create(name="Bel Air", campaign=installment, go_live_at=GO_LIVE)
    scheduled = launch_schedule(launch=launch)
    live = Product.objects.get(slug="already-live")
    assert live.is_published() and live.publish_at is None and live.unpublish_at == comes_down
    assert live not in scheduled


def test_visitors_see_none_of_it_before_the_moment(client, installment):
    launch_schedule(launch=Launch.objects.create(name="Bel Air", campaign=installment, go_live_at=GO_LIVE))
    for url in ("/campaigns/bel-air-study/", "/products/bel-air/", "/ambassadors/kim/"):
        assert client.get(url).status_code == 404


def test_come_down_takes_everything_down_together(installment):
    come_down = GO_LIVE + datetime.timedelta(days=10)
    launch = Launch.objects.create(name="Bel Air", campaign=installment, go_live_at=GO_LIVE, come_down_at=come_down)
    launch_schedule(launch=launch)
    assert not Campaign.objects.published(now=come_down).filter(pk=installment.pk).exists()
    assert not Ambassador.objects.published(now=come_down).filter(slug="kim").exists()


def test_a_publisher_schedules_a_launch_in_one_step_and_sees_the_overview(client, installment):
    publisher = User.objects.create_user("publisher", password="x", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publishers"))
    client.force_login(publisher)
    local = timezone.localtime(GO_LIVE)
    response = client.post(
        "/admin/campaigns/launch/add/",
        {
            "name": "Bel Air, November",
            "campaign": installment.pk,
            "go_live_at_0": local.strftime("%Y-%m-%d"),
            "go_live_at_1": local.strftime("%H:%M:%S"),
        },
        follow=True,
    )
    assert "items go live at" in response.content.decode()
    assert CampaignSeries.objects.get(pk=installment.series_id).status == Status.PUBLISHED
    overview = client.get("/admin/campaigns/launch/overview/").content.decode()
    assert overview.count("goes live") >= 4 and "bel-air-study" not in overview
    assert re.search(r"Europe/Paris|UTC", overview)


def test_a_launch_in_the_past_is_refused_and_publishes_nothing(admin_client, installment):
    """A mistyped year used to publish the whole launch at once, under a message that spoke of a schedule."""
    response = admin_client.post(
        "/admin/campaigns/launch/add/",
        {"name": "Typo", "campaign": installment.pk, "go_live_at_0": "2024-01-01", "go_live_at_1": "10:00:00"},
    )
    assert response.status_code == 200 and "Pick a moment ahead" in response.content.decode()
    assert not Launch.objects.exists()
    assert Campaign.objects.get(pk=installment.pk).status == Status.DRAFT


def test_editors_cannot_schedule_launches(client):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/campaigns/launch/add/").status_code == 403
    assert client.get("/admin/campaigns/launch/overview/").status_code == 200


def test_a_launch_must_come_down_after_it_goes_live(installment):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Launch.objects.create(name="x", campaign=installment, go_live_at=GO_LIVE, come_down_at=GO_LIVE)
