"""load_demo tells the article's story, twice without duplicates, and scales."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from campaigns.models import Ambassador, Campaign, CampaignSeries
from products.models import Collection, Product, ProductImage, Quote, Variant

pytestmark = pytest.mark.django_db

COUNTED = [Product, Variant, ProductImage, Quote, Campaign, Ambassador, CampaignSeries, Collection]


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_load_demo_is_idempotent():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert first["Product"] == 3 and first["Campaign"] == 4 and first["Ambassador"] == 3


def test_demo_tells_the_article(client):
    call_command("load_demo")
    bel_air = client.get("/products/bel-air/").content.decode()
    for fact in (
        "Logo-engraved metal twist lock",
        "Two slender belts across the front",
        "Softened napa lining",
        "Black",
        "Beige",
        "Ivory",
        "timeless heirloom",
        "Balenciaga press release",
        "Kim Kardashian",
        "Fall 2024",
        "Paris",
        "Bel Air Hobo",
    ):
        assert fact in bel_air, fact
    hobo = Product.objects.get(slug="bel-air-hobo")
    assert hobo.family == "Bel Air" and hobo.variants.values("size").distinct().count() > 1
    rodeo = client.get("/products/rodeo/").content.decode()
    assert "July 2024" in rodeo and "Kim Kardashian" in rodeo
    series = client.get("/campaigns/series/characters/").content.decode()
    assert "Nadav Kander" in series
    for person in ("Kim Kardashian", "Michelle Yeoh", "Isabelle Huppert"):
        assert person in series
    campaign = client.get("/campaigns/kim-kardashian-bel-air/").content.decode()
    for fact in ("Faux fur coat", "turtleneck dress", "sock boots", "Distressed tights", "dinner date"):
        assert fact in campaign, fact
    show = client.get("/collections/balenciaga-fall-2024/").content.decode()
    assert "Miles Socha" in show and "wry humor" in show and "Demna" in show
    assert Ambassador.objects.get(slug="kim-kardashian").appointed_in == 2024
    assert set(Ambassador.objects.filter(appointed_in=2023).values_list("slug", flat=True)) == {
        "michelle-yeoh",
        "isabelle-huppert",
    }


def test_demo_pictures_have_alt_text_and_exist(client):
    call_command("load_demo")
    for image in ProductImage.objects.all():
        assert image.alt_text and image.image.storage.exists(image.image.name)
        response = client.get(image.image.url)
        response.close()
        assert response.status_code == 200


def test_synthetic_products_come_with_variants_and_pictures():
    call_command("load_demo", synthetic=50)
    synthetic = Product.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 50
    assert Variant.objects.filter(product__in=synthetic).count() == 50 * 6
    assert ProductImage.objects.filter(product__in=synthetic).count() == 50
    call_command("load_demo", synthetic=10)
    assert synthetic.count() == 60, "a second run adds more instead of colliding"


def test_synthetic_refuses_a_negative_count():
    with pytest.raises(CommandError):
        call_command("load_demo", synthetic=-1)


def test_create_local_admin_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_local_admin")


def test_create_local_admin_generates_a_new_password_each_time(settings, capsys, rf):
    settings.DEBUG = True
    call_command("create_local_admin")
    first = capsys.readouterr().out.split("password: ")[1].strip()
    call_command("create_local_admin")
    second = capsys.readouterr().out.split("password: ")[1].strip()
    assert first != second
    login = rf.post("/admin/login/")
    assert authenticate(login, username="admin", password=second) is not None
    assert authenticate(login, username="admin", password=first) is None


def test_create_local_admin_prints_the_login_address_on_the_demos_port(settings, capsys):
    settings.DEBUG = True
    call_command("create_local_admin", "--port", "8001")
    assert "http://127.0.0.1:8001/admin/" in capsys.readouterr().out
    call_command("create_local_admin")
    assert "http://127.0.0.1:8000/admin/" in capsys.readouterr().out


def test_load_demo_runs_again_whatever_language_was_left_active():
    """Its slugs are looked up in the active language's column: a French page served before must not matter."""
    from django.utils import translation

    call_command("load_demo")
    with translation.override("fr"):
        call_command("load_demo")
    assert Collection.objects.filter(slug_en="balenciaga-fall-2024").count() == 1
