"""Campaign rules an editor meets in the admin: video allow-list, alt text."""

import factory
import pytest
from django.core.exceptions import ValidationError

from campaigns.models import embed_url, validate_video_url
from tests.factories import AmbassadorFactory, CampaignFactory


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://www.youtube.com/embed/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_allowed_video_addresses_become_privacy_friendly_players(url, embed):
    validate_video_url(url)
    assert embed_url(url) == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=abc",
        "https://www.youtube.com/",
        "https://vimeo.com/channels/staff",
        "javascript:x",
    ],
)
def test_other_video_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        validate_video_url(url)


@pytest.mark.django_db
def test_a_hero_image_needs_alt_text():
    campaign = CampaignFactory.build(
        series=CampaignFactory().series, hero_image=factory.django.ImageField(), hero_alt=""
    )
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "hero_alt_en" in error.value.message_dict


@pytest.mark.django_db
def test_a_campaign_takes_a_video_file_or_an_address_not_both():
    campaign = CampaignFactory.build(
        series=CampaignFactory().series, video_file="campaigns/video/film.mp4", video_url="https://youtu.be/abc"
    )
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "video_url" in error.value.message_dict


@pytest.mark.django_db
def test_a_portrait_needs_alt_text():
    person = AmbassadorFactory.build(
        brand=AmbassadorFactory().brand, portrait=factory.django.ImageField(), portrait_alt=" "
    )
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "portrait_alt_en" in error.value.message_dict


@pytest.mark.django_db
def test_a_video_file_needs_a_poster_and_must_really_be_a_video():
    from django.core.files.uploadedfile import SimpleUploadedFile

    series = CampaignFactory().series
    fake = SimpleUploadedFile("film.mp4", b"<html>not a video</html>", "video/mp4")
    campaign = CampaignFactory.build(series=series, video_file=fake)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert {"video_file", "video_poster"} <= set(error.value.message_dict)
    real = SimpleUploadedFile("film.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32, "video/mp4")
    poster = factory.django.ImageField()
    campaign = CampaignFactory.build(series=series, video_file=real, video_poster=poster)
    campaign.full_clean(exclude=["slug"])
