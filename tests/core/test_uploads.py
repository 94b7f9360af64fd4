"""Uploads: stored names that reveal nothing, files that leave with their row, bad files as form errors."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from campaigns.models import Campaign
from core.images import rendition_names
from products.models import Product, ProductImage
from tests.browser_forms import form_data
from tests.factories import CampaignFactory, ProductFactory, admin_product_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (file removal), as a real request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def jpeg(size=(1200, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#7a5c3e").save(buffer, "JPEG")
    return buffer.getvalue()


def add_product_with_picture(client, content, name):
    data = admin_product_form(
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile(name, content, "image/jpeg"),
            "images-0-alt_text_en": "A bag",
            "images-0-role": "front",
            "images-0-order": "0",
        }
    )
    return client.post("/admin/products/product/add/", data)


def stored(name):
    return default_storage.exists(name)


def test_a_stored_name_does_not_reveal_the_uploaded_name(admin_client):
    response = add_product_with_picture(admin_client, jpeg(), "secret-collab-with-rick-owens-fw25.jpg")
    assert response.status_code == 302
    name = ProductImage.objects.get().image.name
    assert "secret" not in name and "owens" not in name
    assert name.startswith("products/") and name.endswith(".jpg")
    assert len(name.rsplit("/", 1)[1]) >= 24 + len(".jpg"), "random enough that nobody guesses it"
    renditions = [r for r in rendition_names(name) if stored(r)]
    assert renditions and all("secret" not in r for r in renditions)


def test_a_very_long_non_ascii_file_name_is_stored_without_error(admin_client):
    name = "сумка-" * 60 + ".jpg"  # 600+ bytes in UTF-8
    assert len(name.encode()) > 255
    response = add_product_with_picture(admin_client, jpeg(), name)
    assert response.status_code == 302
    assert stored(ProductImage.objects.get().image.name)


def test_deleting_a_product_removes_its_pictures_and_renditions(admin_client, committed):
    add_product_with_picture(admin_client, jpeg(), "bag.jpg")
    picture = ProductImage.objects.get()
    files = [picture.image.name, *[r for r in rendition_names(picture.image.name) if stored(r)]]
    assert len(files) > 1 and all(stored(f) for f in files)
    with committed():
        Product.objects.get().delete()
    assert not any(stored(f) for f in files)


def test_replacing_a_picture_removes_the_old_file_and_its_renditions(admin_client, committed):
    add_product_with_picture(admin_client, jpeg(), "bag.jpg")
    picture = ProductImage.objects.get()
    old = [picture.image.name, *[r for r in rendition_names(picture.image.name) if stored(r)]]
    picture.image = SimpleUploadedFile("new.jpg", jpeg((1000, 800)), "image/jpeg")
    with committed():
        picture.save()
    assert stored(picture.image.name)
    assert not any(stored(f) for f in old)


def test_a_delete_that_rolls_back_keeps_its_files(admin_client, committed):
    add_product_with_picture(admin_client, jpeg(), "bag.jpg")
    name = ProductImage.objects.get().image.name
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        Product.objects.get().delete()
        raise RuntimeError("rolled back")
    assert stored(name)


def test_clearing_a_hero_picture_in_the_admin_removes_it(admin_client, committed):
    campaign = CampaignFactory(hero_image=SimpleUploadedFile("hero.jpg", jpeg(), "image/jpeg"), hero_alt="A hero")
    name = campaign.hero_image.name
    assert stored(name)
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    data = form_data(admin_client.get(url), "campaign_form")
    with committed():
        response = admin_client.post(url, {**data, "hero_image-clear": "on", "hero_alt_en": "", "_save": "Save"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Campaign.objects.get().hero_image
    assert not stored(name)


def test_the_demo_s_shared_drawings_are_never_deleted(committed):
    default_storage.save("demo/shared.jpg", io.BytesIO(jpeg()))
    product = ProductFactory()
    ProductImage.objects.create(product=product, image="demo/shared.jpg", alt_text="Shared")
    with committed():
        product.delete()
    assert stored("demo/shared.jpg")


def test_a_truncated_jpeg_is_a_form_error_not_a_500(admin_client):
    content = jpeg((2000, 1500))
    response = add_product_with_picture(admin_client, content[: len(content) // 2], "cut.jpg")
    assert response.status_code == 200
    assert "damaged or cut short" in response.content.decode()
    assert not Product.objects.exists()


def test_a_video_over_the_limit_is_refused_and_the_form_says_the_limit(admin_client, settings):
    settings.VIDEO_MAX_MB = 1
    campaign = CampaignFactory()
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    page = admin_client.get(url)
    assert "at most 50 MB" in page.content.decode(), "the form states the limit"
    film = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * (2 * 2**20)
    data = form_data(page, "campaign_form")
    poster = SimpleUploadedFile("poster.jpg", jpeg(), "image/jpeg")
    video = SimpleUploadedFile("film.mp4", film, "video/mp4")
    response = admin_client.post(url, {**data, "video_file": video, "video_poster": poster, "_save": "Save"})
    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    assert not Campaign.objects.get().video_file


def test_reverting_to_a_version_whose_picture_was_replaced_keeps_the_current_picture(admin_client, committed):
    campaign = CampaignFactory(hero_image=SimpleUploadedFile("first.jpg", jpeg(), "image/jpeg"), hero_alt="First")
    first_version = campaign.history.first()
    with committed():
        campaign.hero_image = SimpleUploadedFile("second.jpg", jpeg((1000, 700)), "image/jpeg")
        campaign.hero_alt = "Second"
        campaign.save()
    current = Campaign.objects.get().hero_image.name
    url = f"/admin/campaigns/campaign/{campaign.pk}/history/{first_version.history_id}/"
    data = form_data(admin_client.get(url))
    with committed():
        response = admin_client.post(url, {**data, "_save": "Save"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.hero_alt == "First", "the revert happened"
    assert campaign.hero_image.name == current and stored(current), "the current picture stays, and stays stored"


def test_reviving_a_deleted_campaign_whose_picture_is_gone_works(admin_client, committed):
    campaign = CampaignFactory(hero_image=SimpleUploadedFile("hero.jpg", jpeg(), "image/jpeg"), hero_alt="Hero")
    record, pk = campaign.history.first(), campaign.pk
    with committed():
        campaign.delete()
    url = f"/admin/campaigns/campaign/{pk}/history/{record.history_id}/"
    response = admin_client.post(url, {**form_data(admin_client.get(url)), "_save": "Save"})
    assert response.status_code == 302
    assert not Campaign.objects.get(pk=pk).hero_image, "no row points at a file that is gone"


def test_a_picture_taller_than_webp_allows_is_a_form_error(admin_client):
    buffer = io.BytesIO()
    Image.new("L", (600, 20_000), 200).save(buffer, "PNG")
    response = add_product_with_picture(admin_client, buffer.getvalue(), "lookbook-strip.png")
    assert response.status_code == 200
    assert "a side may be at most 16383" in response.content.decode()
    assert not Product.objects.exists()
