"""The campaign side of the demo: the Characters series as the article tells it."""

import datetime

from core.demo_images import banner_picture, portrait_picture
from core.publishing import Status
from products.demo import BEL_AIR_QUOTE, BEL_AIR_QUOTE_FR, PRESS_RELEASE, attach_quote, upsert

from .models import Ambassador, Campaign, CampaignProduct, CampaignSeries, Credit

LIVE = {"status": Status.PUBLISHED, "publish_at": None, "unpublish_at": None}
YEOH_HUPPERT_BIO = (
    "Joined Balenciaga's lineup of ambassadors in 2023 and modeled for the Characters campaign.",
    "A rejoint les ambassadrices de Balenciaga en 2023 et a posé pour la campagne Characters.",
)


def _ambassador(slug, name, year, colour, bio, brand):
    """bio: (English, French)."""
    portrait, (width, height) = portrait_picture(f"demo/{slug}.jpg", colour, name)
    return upsert(
        Ambassador,
        {"slug": slug},
        name=name,
        brand=brand,
        appointed_in=year,
        role_en="Brand ambassador",
        role_fr="Ambassadrice de la maison",
        portrait=portrait,
        portrait_width=width,
        portrait_height=height,
        portrait_alt_en=f"Portrait of {name} against a white backdrop",
        portrait_alt_fr=f"Portrait de {name} sur fond blanc",
        bio_en=bio[0],
        bio_fr=bio[1],
        **LIVE,
    )


def _installment(slug, *, series, title, launch_date, summary, ambassadors, products, hero_colour, **extra):
    """title, summary and any translated text in `extra`: (English, French)."""
    hero, (width, height) = banner_picture(f"demo/{slug}.jpg", hero_colour, f"{series.name_en}: {title[0]}")
    texts = {"title": title, "summary": summary} | extra
    campaign = upsert(
        Campaign,
        {"slug": slug},
        series=series,
        launch_date=launch_date,
        hero_image=hero,
        hero_width=width,
        hero_height=height,
        hero_alt_en=f"{title[0]}: a figure against a white backdrop, photographed by {series.photographer}",
        hero_alt_fr=f"{title[1]} : une silhouette sur fond blanc, photographiée par {series.photographer}",
        **{f"{field}_en": english for field, (english, _french) in texts.items()},
        **{f"{field}_fr": french for field, (_english, french) in texts.items()},
        **LIVE,
    )
    campaign.ambassadors.set(ambassadors)
    for order, product in enumerate(products):
        upsert(CampaignProduct, {"campaign": campaign, "product": product}, order=order)
    campaign.campaignproduct_set.exclude(product__in=products).delete()
    credits = [
        ("Photographer", "Photographe", series.photographer),
        ("Creative director", "Directeur artistique", "Demna"),
    ]
    for order, (role, role_fr, name) in enumerate(credits):
        upsert(Credit, {"campaign": campaign, "role_en": role}, role_fr=role_fr, name=name, order=order)
    return campaign


def load_campaigns(catalogue):
    """Ambassadors, the Characters series and its four installments."""
    brand = catalogue["brand"]
    kim = _ambassador(
        "kim-kardashian",
        "Kim Kardashian",
        2024,
        "#3a3a3a",
        (
            "Named a Balenciaga brand ambassador in 2024. The face of the Bel Air campaign, she also appeared "
            "in the Characters installment featuring the Rodeo.",
            "Nommée ambassadrice de Balenciaga en 2024. Visage de la campagne du Bel Air, elle est aussi apparue "
            "dans l’épisode de Characters consacré au Rodeo.",
        ),
        brand,
    )
    yeoh = _ambassador(
        "michelle-yeoh",
        "Michelle Yeoh",
        2023,
        "#4a4440",
        YEOH_HUPPERT_BIO,
        brand,
    )
    huppert = _ambassador(
        "isabelle-huppert",
        "Isabelle Huppert",
        2023,
        "#57504a",
        YEOH_HUPPERT_BIO,
        brand,
    )
    characters = upsert(
        CampaignSeries,
        {"slug": "characters"},
        brand=brand,
        name_en="Characters",
        name_fr="Characters",  # the series' own name, in every language
        photographer="Nadav Kander",
        description_en=(
            "Balenciaga's ongoing series of “character studies”, photographed by Nadav Kander: each "
            "installment pictures an ambassador against a white backdrop, carrying the house's bags."
        ),
        description_fr=(
            "La série continue d’« études de personnages » de Balenciaga, photographiée par Nadav Kander : chaque "
            "épisode montre une ambassadrice sur fond blanc, portant les sacs de la maison."
        ),
        **LIVE,
    )
    _installment(
        "michelle-yeoh-characters",
        series=characters,
        title=("Michelle Yeoh", "Michelle Yeoh"),
        launch_date=datetime.date(2024, 1, 15),
        summary=(
            "Michelle Yeoh's character study for the Characters series.",
            "L’étude de personnage de Michelle Yeoh pour la série Characters.",
        ),
        ambassadors=[yeoh],
        products=[],
        hero_colour="#6b6b6b",
    )
    _installment(
        "isabelle-huppert-characters",
        series=characters,
        title=("Isabelle Huppert", "Isabelle Huppert"),
        launch_date=datetime.date(2024, 4, 15),
        summary=(
            "Isabelle Huppert's character study for the Characters series.",
            "L’étude de personnage d’Isabelle Huppert pour la série Characters.",
        ),
        ambassadors=[huppert],
        products=[],
        hero_colour="#6b6b6b",
    )
    _installment(
        "kim-kardashian-rodeo",
        series=characters,
        title=("Kim Kardashian and the Rodeo", "Kim Kardashian et le Rodeo"),
        launch_date=datetime.date(2024, 7, 15),
        summary=(
            "Kim Kardashian fronts the Rodeo handbag, which debuted in July.",
            "Kim Kardashian incarne le sac Rodeo, lancé en juillet.",
        ),
        ambassadors=[kim],
        products=[catalogue["rodeo"]],
        hero_colour="#111111",
    )
    bel_air = _installment(
        "kim-kardashian-bel-air",
        series=characters,
        title=("Kim Kardashian and the Bel Air", "Kim Kardashian et le Bel Air"),
        launch_date=datetime.date(2024, 11, 1),
        summary=(
            "In the latest character study, Kim Kardashian poses in front of a white backdrop carrying two "
            "iterations of the viral tote: the original Bel Air and its Hobo iteration.",
            "Dans la dernière étude de personnage, Kim Kardashian pose devant un fond blanc avec deux versions du "
            "cabas devenu viral : le Bel Air original et sa version Hobo.",
        ),
        ambassadors=[kim],
        products=[catalogue["bel_air"], catalogue["bel_air_hobo"]],
        hero_colour="#d8c3a5",
        wardrobe=(
            "Faux fur coat\nSkintight turtleneck dress\nHeeled sock boots\nDistressed tights",
            "Manteau en fausse fourrure\nRobe col roulé moulante\nBottines chaussettes à talons\nCollants effilés",
        ),
        video_concept=(
            "Kardashian in the middle of a photo shoot, confirming a dinner date on a phone message in a voice-over.",
            "Kardashian en pleine séance photo confirme, en voix off, un dîner par message sur son téléphone.",
        ),
    )
    attach_quote(bel_air, BEL_AIR_QUOTE, source=PRESS_RELEASE, translation_fr=BEL_AIR_QUOTE_FR)
    return {"kim": kim, "yeoh": yeoh, "huppert": huppert, "characters": characters, "bel_air_campaign": bel_air}
