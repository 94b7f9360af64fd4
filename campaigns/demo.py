"""The campaign side of the demo: the Characters series as the article tells it."""

import datetime

from core.demo_images import banner_picture, portrait_picture
from core.publishing import Status
from products.demo import BEL_AIR_QUOTE, PRESS_RELEASE, attach_quote, upsert

from .models import Ambassador, Campaign, CampaignProduct, CampaignSeries, Credit

LIVE = {"status": Status.PUBLISHED, "publish_at": None, "unpublish_at": None}


def _ambassador(slug, name, year, colour, bio, brand):
    portrait, (width, height) = portrait_picture(f"demo/{slug}.jpg", colour, name)
    return upsert(
        Ambassador,
        {"slug": slug},
        name=name,
        brand=brand,
        appointed_in=year,
        role="Brand ambassador",
        portrait=portrait,
        portrait_width=width,
        portrait_height=height,
        portrait_alt=f"Portrait of {name} against a white backdrop",
        bio=bio,
        **LIVE,
    )


def _installment(slug, *, series, title, launch_date, summary, ambassadors, products, hero_colour, **extra):
    hero, (width, height) = banner_picture(f"demo/{slug}.jpg", hero_colour, f"{series.name}: {title}")
    campaign = upsert(
        Campaign,
        {"slug": slug},
        series=series,
        title=title,
        launch_date=launch_date,
        summary=summary,
        hero_image=hero,
        hero_width=width,
        hero_height=height,
        hero_alt=f"{title}: a figure against a white backdrop, photographed by {series.photographer}",
        **extra,
        **LIVE,
    )
    campaign.ambassadors.set(ambassadors)
    for order, product in enumerate(products):
        upsert(CampaignProduct, {"campaign": campaign, "product": product}, order=order)
    campaign.campaignproduct_set.exclude(product__in=products).delete()
    for order, (role, name) in enumerate([("Photographer", series.photographer), ("Creative director", "Demna")]):
        upsert(Credit, {"campaign": campaign, "role": role}, name=name, order=order)
    return campaign


def load_campaigns(catalogue):
    """Ambassadors, the Characters series and its four installments."""
    brand = catalogue["brand"]
    kim = _ambassador(
        "kim-kardashian",
        "Kim Kardashian",
        2024,
        "#3a3a3a",
        "Named a Balenciaga brand ambassador in 2024. The face of the Bel Air campaign, she also appeared "
        "in the Characters installment featuring the Rodeo.",
        brand,
    )
    yeoh = _ambassador(
        "michelle-yeoh",
        "Michelle Yeoh",
        2023,
        "#4a4440",
        "Joined Balenciaga's lineup of ambassadors in 2023 and modeled for the Characters campaign.",
        brand,
    )
    huppert = _ambassador(
        "isabelle-huppert",
        "Isabelle Huppert",
        2023,
        "#57504a",
        "Joined Balenciaga's lineup of ambassadors in 2023 and modeled for the Characters campaign.",
        brand,
    )
    characters = upsert(
        CampaignSeries,
        {"slug": "characters"},
        brand=brand,
        name="Characters",
        photographer="Nadav Kander",
        description=(
            "Balenciaga's ongoing series of “character studies”, photographed by Nadav Kander: each "
            "installment pictures an ambassador against a white backdrop, carrying the house's bags."
        ),
        **LIVE,
    )
    _installment(
        "michelle-yeoh-characters",
        series=characters,
        title="Michelle Yeoh",
        launch_date=datetime.date(2024, 1, 15),
        summary="Michelle Yeoh's character study for the Characters series.",
        ambassadors=[yeoh],
        products=[],
        hero_colour="#6b6b6b",
    )
    _installment(
        "isabelle-huppert-characters",
        series=characters,
        title="Isabelle Huppert",
        launch_date=datetime.date(2024, 4, 15),
        summary="Isabelle Huppert's character study for the Characters series.",
        ambassadors=[huppert],
        products=[],
        hero_colour="#6b6b6b",
    )
    _installment(
        "kim-kardashian-rodeo",
        series=characters,
        title="Kim Kardashian and the Rodeo",
        launch_date=datetime.date(2024, 7, 15),
        summary="Kim Kardashian fronts the Rodeo handbag, which debuted in July.",
        ambassadors=[kim],
        products=[catalogue["rodeo"]],
        hero_colour="#111111",
    )
    bel_air = _installment(
        "kim-kardashian-bel-air",
        series=characters,
        title="Kim Kardashian and the Bel Air",
        launch_date=datetime.date(2024, 11, 1),
        summary=(
            "In the latest character study, Kim Kardashian poses in front of a white backdrop carrying two "
            "iterations of the viral tote: the original Bel Air and its Hobo iteration."
        ),
        ambassadors=[kim],
        products=[catalogue["bel_air"], catalogue["bel_air_hobo"]],
        hero_colour="#d8c3a5",
        wardrobe="Faux fur coat\nSkintight turtleneck dress\nHeeled sock boots\nDistressed tights",
        video_concept=(
            "Kardashian in the middle of a photo shoot, confirming a dinner date on a phone message in a voice-over."
        ),
    )
    attach_quote(bel_air, BEL_AIR_QUOTE, source=PRESS_RELEASE)
    return {"kim": kim, "yeoh": yeoh, "huppert": huppert, "characters": characters, "bel_air_campaign": bel_air}
