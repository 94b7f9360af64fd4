"""Every admin URL checks its permission: walked for each kind of user.

Codes: 200 allowed, 403 refused, 302 (to the login page) for anonymous users.
"""

import pytest
from django.contrib.auth.models import Group, User

from core.models import ShareLink
from core.publishing import Status
from products.models import Product
from tests.factories import CampaignFactory, CampaignProductFactory, ProductFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "Editors", "Publishers", "Exporters", "superuser"]
#                                         anon staff  editor publisher exporter super
GET_MATRIX = {
    "product changelist": ("{p}", (302, 403, 200, 200, 200, 200)),
    "product add": ("{p}add/", (302, 403, 200, 200, 403, 200)),
    "product change": ("{p}{pk}/change/", (302, 403, 200, 200, 200, 200)),
    "product history": ("{p}{pk}/history/", (302, 403, 200, 200, 200, 200)),
    "history compare": ("{p}{pk}/history/compare/", (302, 403, 200, 200, 200, 200)),
    "revert form": ("{p}{pk}/history/{hid}/", (302, 403, 200, 200, 200, 200)),
    "product delete": ("{p}{pk}/delete/", (302, 403, 403, 200, 403, 200)),
    "variant matrix": ("{p}{pk}/variants/generate/", (302, 403, 200, 200, 403, 200)),
    "product export": ("{p}export/?format=csv", (302, 403, 403, 403, 200, 200)),
    "campaign export": ("/admin/campaigns/campaign/export/?format=json", (302, 403, 403, 403, 200, 200)),
    "launch add": ("/admin/campaigns/launch/add/", (302, 403, 403, 200, 403, 200)),
    "launch overview": ("/admin/campaigns/launch/overview/", (302, 403, 200, 200, 403, 200)),
    "share links": ("/admin/core/sharelink/", (302, 403, 200, 200, 403, 200)),
    "export log": ("/admin/core/exportlog/", (302, 403, 403, 403, 403, 200)),
    "draft preview": ("/products/draft-bag/", (404, 404, 200, 200, 404, 200)),
}
# Which roles an action works for (the others see nothing change).
ACTION_MATRIX = {
    "publish": (False, False, False, True, False, True),
    "share": (False, False, True, True, False, True),
}


@pytest.fixture
def world():
    product = ProductFactory(slug="draft-bag", draft=True)
    product.description = "edited"
    product.save()
    CampaignProductFactory(campaign=CampaignFactory(), product=product)
    return product


def client_for(client, role):
    if role == "anonymous":
        return client
    if role == "superuser":
        user = User.objects.create_superuser("boss", password="x")
    else:
        user = User.objects.create_user(role.lower(), password="x", is_staff=True)
        if role != "staff":
            user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_checks_permissions(client, world, role):
    client = client_for(client, role)
    history_id = world.history.order_by("history_id").first().history_id
    failures = []
    for name, (template, codes) in GET_MATRIX.items():
        url = template.format(p="/admin/products/product/", pk=world.pk, hid=history_id)
        expected = codes[ROLES.index(role)]
        response = client.get(url)
        if response.status_code != expected:
            failures.append(f"{name}: {response.status_code} != {expected}")
        if expected == 302:
            assert "/admin/login/" in response["Location"]
    assert failures == []


@pytest.mark.parametrize("role", ROLES)
def test_actions_work_only_for_those_allowed(client, world, role):
    client = client_for(client, role)
    allowed = {action: works[ROLES.index(role)] for action, works in ACTION_MATRIX.items()}
    client.post("/admin/products/product/", {"action": "publish", "_selected_action": [world.pk]})
    assert (Product.objects.get(pk=world.pk).status == Status.PUBLISHED) == allowed["publish"]
    client.post(
        f"/admin/products/product/{world.pk}/change/", {"CHANGE_FORM-action": "share", "_selected_action": world.pk}
    )
    assert ShareLink.objects.exists() == allowed["share"]
