"""Previews at the public URL for staff, and share links for people without an account."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from django.utils.http import urlencode

from core.models import ShareLink
from core.preview import share_token
from tests.factories import (
    AmbassadorFactory,
    CampaignFactory,
    CollectionFactory,
    ProductFactory,
    SeriesFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db

DRAFTS = {
    "product": lambda: ProductFactory(draft=True),
    "collection": lambda: CollectionFactory(draft=True),
    "campaign": lambda: CampaignFactory(publish_at=timezone.now() + datetime.timedelta(days=3)),
    "series": lambda: SeriesFactory(draft=True),
    "ambassador": lambda: AmbassadorFactory(draft=True),
}


def editor(client):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.mark.parametrize("kind", sorted(DRAFTS))
def test_an_editor_previews_a_draft_at_its_public_url(client, kind):
    item = DRAFTS[kind]()
    editor(client)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Preview, not public" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


@pytest.mark.parametrize("kind", sorted(DRAFTS))
def test_visitors_and_staff_without_change_permission_get_404(client, kind):
    item = DRAFTS[kind]()
    assert client.get(item.get_absolute_url()).status_code == 404
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_a_published_page_seen_by_staff_has_no_banner(client):
    product = ProductFactory()
    editor(client)
    assert "Preview, not public" not in client.get(product.get_absolute_url()).content.decode()


def test_a_share_link_shows_its_one_item_to_anyone(client):
    product = ProductFactory(name="Secret bag", draft=True)
    link = ShareLink.objects.create(subject=product)
    response = client.get(link.get_absolute_url(), follow=True)
    assert response.status_code == 200 and "Secret bag" in response.content.decode()
    assert "Preview, not public" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert client.get(product.get_absolute_url()).status_code == 404, "the public URL stays closed"


def test_a_share_link_expires_after_seven_days_by_default():
    link = ShareLink.objects.create(subject=ProductFactory())
    assert datetime.timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= datetime.timedelta(days=7)


def test_expired_revoked_and_forged_links_are_404(client):
    product = ProductFactory(draft=True)
    expired = ShareLink.objects.create(subject=product, expires_at=timezone.now() - datetime.timedelta(seconds=1))
    revoked = ShareLink.objects.create(subject=product, revoked_at=timezone.now())
    assert client.get(expired.get_absolute_url()).status_code == 404
    assert client.get(revoked.get_absolute_url()).status_code == 404
    good = ShareLink.objects.create(subject=product)
    token = share_token(good)
    assert client.get(f"/preview/{token[:-2]}xx/").status_code == 404
    assert client.get(f"/preview/{good.pk}/").status_code == 404
    product.delete()
    assert client.get(good.get_absolute_url()).status_code == 404


def test_a_share_link_for_a_campaign_of_a_draft_series_works(client):
    campaign = CampaignFactory(series=SeriesFactory(draft=True), title="Unreleased study")
    link = ShareLink.objects.create(subject=campaign)
    assert "Unreleased study" in client.get(link.get_absolute_url(), follow=True).content.decode()


def test_editors_create_a_share_link_from_the_change_form(client):
    product = ProductFactory(draft=True)
    editor(client)
    page = client.get(f"/admin/products/product/{product.pk}/change/").content.decode()
    assert 'value="share"' in page
    response = client.post(
        f"/admin/products/product/{product.pk}/change/",
        {"CHANGE_FORM-action": "share", "_selected_action": product.pk},
        follow=True,
    )
    link = ShareLink.objects.get()
    assert link.subject == product and link.created_by.username == "editor"
    assert link.get_absolute_url() in response.content.decode()


def test_revoking_a_share_link_in_the_admin_closes_it_at_once(client):
    product = ProductFactory(draft=True)
    link = ShareLink.objects.create(subject=product)
    editor(client)
    client.post("/admin/core/sharelink/", {"action": "revoke", "_selected_action": [link.pk]})
    assert client.get(link.get_absolute_url(), follow=True).status_code == 404


def test_a_share_link_opens_its_item_and_no_other(client):
    """The token is checked in the view's queryset: another draft, of the same type or another with the same id,
    stays closed; a forged or stale token is a 404 like no token at all."""
    shared = ProductFactory(name="Shared bag", draft=True)
    other = ProductFactory(name="Other bag", draft=True)
    collection = CollectionFactory(draft=True)
    token = share_token(ShareLink.objects.create(subject=shared))
    assert client.get(f"{shared.get_absolute_url()}?share={token}").status_code == 200
    assert client.get(f"{other.get_absolute_url()}?share={token}").status_code == 404
    assert client.get(f"{collection.get_absolute_url()}?share={token}").status_code == 404
    for forged in (token[:-2] + "xx", "", "%00", "1" * 500):
        assert client.get(shared.get_absolute_url(), {"share": forged}).status_code == 404


def test_a_shared_product_keeps_its_link_when_the_visitor_picks_a_colour(client):
    product = ProductFactory(name="Secret bag", draft=True)
    colour = VariantFactory(product=product).colorway.slug
    link = ShareLink.objects.create(subject=product)
    page = client.get(link.get_absolute_url(), follow=True)
    query = urlencode({"share": share_token(link), "colour": colour})
    assert f'href="?{query.replace("&", "&amp;")}"' in page.content.decode()
    chosen = client.get(product.get_absolute_url(), {"share": share_token(link), "colour": colour})
    assert chosen.status_code == 200 and "Preview, not public" in chosen.content.decode()


def test_a_staff_preview_links_back_to_the_change_form_and_a_share_link_does_not(admin_client):
    from django.test import Client

    from tests.factories import ProductFactory

    draft = ProductFactory(draft=True, slug="secret-bag")
    page = admin_client.get("/products/secret-bag/").content.decode()
    assert f'href="/admin/products/product/{draft.pk}/change/">Back to the change form</a>' in page
    token = share_token(ShareLink.objects.create(subject=draft))
    shared = Client().get(f"/products/secret-bag/?share={token}").content.decode()
    assert "Preview, not public" in shared and "Back to the change form" not in shared


def test_the_change_form_shows_the_hero_picture_and_the_portrait(admin_client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tests.factories import AmbassadorFactory, CampaignFactory

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "#d8c3a5").save(buffer, "JPEG")
    hero = SimpleUploadedFile("hero.jpg", buffer.getvalue(), "image/jpeg")
    campaign = CampaignFactory(hero_image=hero, hero_alt="Kim against white")
    page = admin_client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert f'<img src="{campaign.hero_image.url}" alt="Kim against white" width="320" height="240"' in page
    person = AmbassadorFactory()
    page = admin_client.get(f"/admin/campaigns/ambassador/{person.pk}/change/").content.decode()
    assert "As it is now" in page
