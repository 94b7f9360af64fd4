"""Fixtures the export tests share (tests/core/test_exports*.py)."""

import pytest
from django.contrib.auth.models import Group, User

from tests.factories import AmbassadorFactory, CampaignFactory, CampaignProductFactory, ProductFactory, full_product


@pytest.fixture
def catalogue():
    bel_air = full_product(name="Bel Air", slug="bel-air")
    ProductFactory(name="Draft bag", slug="draft-bag", draft=True)
    kim = AmbassadorFactory(name="Kim Kardashian", slug="kim-kardashian")
    campaign = CampaignFactory(title="Bel Air study", slug="bel-air-study")
    campaign.ambassadors.add(kim)
    CampaignProductFactory(campaign=campaign, product=bel_air, order=1)
    return bel_air


@pytest.fixture
def exporter_client(client):
    user = User.objects.create_user("pr-agency", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Exporters"))
    client.force_login(user)
    return client
