"""The catalogue side of the demo: the article's bags, and synthetic bulk.

Everything is keyed on slugs and SKUs and written with update_or_create, so
loading twice leaves one copy of each thing (and restores what the demo says).
"""

import datetime
import itertools
import time
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from core.cache_tags import invalidate_all
from core.demo_images import bag_picture
from core.images import make_renditions
from core.publishing import Status

from .demo_markets import load_markets
from .models import (
    Brand,
    Category,
    Collection,
    Colorway,
    Feature,
    MarketPrice,
    Material,
    Product,
    ProductImage,
    ProductMaterial,
    ProductSize,
    Quote,
    Size,
    Variant,
    refresh_covers,
    refresh_price_ranges,
    refresh_search_terms,
)
from .services import sku_for

# (English, French, slug, …): reference data is translated (products/translation.py).
COLORWAYS = [
    ("Black", "Noir", "black", "#111111"),
    ("Beige", "Beige", "beige", "#d8c3a5"),
    ("Ivory", "Ivoire", "ivory", "#f3eee0"),
]
SIZES = [("Small", "Petit", "small", 10), ("Medium", "Moyen", "medium", 20), ("Large", "Grand", "large", 30)]
# Dimensions belong to a product's size: the Bel Air's (the article gives none for the Hobo or the Rodeo).
BEL_AIR_DIMENSIONS = {
    "small": ("W 26 × H 19 × D 11 cm", "L 26 × H 19 × P 11 cm"),
    "medium": ("W 33 × H 23 × D 14 cm", "L 33 × H 23 × P 14 cm"),
    "large": ("W 40 × H 29 × D 17 cm", "L 40 × H 29 × P 17 cm"),
}
PRESS_RELEASE = "Balenciaga press release"
BEL_AIR_QUOTE = (
    "[The Bel Air’s] construction is deceptively relaxed, with a fortified, round-edged build "
    "designed to live as a timeless heirloom."
)
# Quotes stay in English, the language they were written in; French pages show these translations under them.
BEL_AIR_QUOTE_FR = (
    "La construction [du Bel Air] est faussement décontractée, avec une structure renforcée aux bords arrondis, "
    "pensée pour durer comme un bien de famille intemporel."
)
WWD_QUOTE = (
    "stayed true to [creative director Demna Gvasalia’s] hardcore, DIY inclinations but with less "
    "angst and more wry humor, even playfulness."
)
WWD_QUOTE_FR = (
    "est restée fidèle aux penchants radicaux et « fait main » [du directeur de la création Demna Gvasalia], "
    "mais avec moins d’angoisse et plus d’humour pince-sans-rire, voire d’espièglerie."
)
# (English, French)
BEL_AIR_FEATURES = [
    ("Logo-engraved metal twist lock", "Fermoir tournant en métal gravé du logo"),
    ("Two slender belts across the front", "Deux fines ceintures sur le devant"),
    ("Softened napa lining", "Doublure en cuir nappa assoupli"),
]
# Where a material is used, and how: (English, French).
EXTERIOR, LINING, SOFTENED = ("exterior", "extérieur"), ("lining", "doublure"), ("softened", "assoupli")


def upsert(model, lookup, **values):
    """update_or_create keyed on `lookup`: what makes the demo idempotent."""
    return model.objects.update_or_create(**lookup, defaults=values)[0]


def attach_quote(subject, text, *, speaker="", source="", date=None, translation_fr=""):
    """Attach a quote (in English) to any model once (idempotent on the text)."""
    content_type = ContentType.objects.get_for_model(subject)
    return upsert(
        Quote,
        {"content_type": content_type, "object_id": subject.pk, "text": text},
        speaker=speaker,
        source=source,
        date=date,
        language="en",
        translation_fr=translation_fr,
    )


def load_catalogue():
    """The article's world on the catalogue side; returns the objects campaigns need."""
    brand = upsert(
        Brand,
        {"slug": "balenciaga"},
        name="Balenciaga",
        description="Paris fashion house. Creative director: Demna.",
    )
    fall_2024 = upsert(
        Collection,
        {"slug": "balenciaga-fall-2024"},
        brand=brand,
        name_en="Fall 2024",
        name_fr="Automne 2024",
        slug_fr="balenciaga-automne-2024",  # a translated address; the English one leads there too
        season=Collection.Season.FALL,
        year=2024,
        shown_in="Paris",
        shown_on=datetime.date(2024, 3, 3),
        creative_director="Demna",
        description_en=(
            "Balenciaga's fall 2024 presentation in Paris, in March 2024, where the Bel Air was first shown."
        ),
        description_fr="Le défilé automne 2024 de Balenciaga, à Paris en mars 2024, où le Bel Air a été présenté.",
        status=Status.PUBLISHED,
    )
    attach_quote(
        fall_2024,
        WWD_QUOTE,
        speaker="Miles Socha",
        source="WWD",
        date=datetime.date(2024, 3, 3),
        translation_fr=WWD_QUOTE_FR,
    )

    handbags = upsert(Category, {"slug": "handbags"}, name_en="Handbags", name_fr="Sacs à main", parent=None)
    totes = upsert(Category, {"slug": "totes"}, name_en="Totes", name_fr="Cabas", parent=handbags)
    hobo_bags = upsert(Category, {"slug": "hobo-bags"}, name_en="Hobo bags", name_fr="Sacs hobo", parent=handbags)

    colorways = {
        slug: upsert(Colorway, {"slug": slug}, name_en=name, name_fr=name_fr, swatch=hex_)
        for name, name_fr, slug, hex_ in COLORWAYS
    }
    sizes = {
        slug: upsert(Size, {"slug": slug}, name_en=name, name_fr=name_fr, order=order)
        for name, name_fr, slug, order in SIZES
    }
    calfskin = upsert(Material, {"slug": "calfskin"}, name_en="Calfskin", name_fr="Cuir de veau")
    napa = upsert(Material, {"slug": "napa-leather"}, name_en="Napa leather", name_fr="Cuir nappa")

    bel_air = _product(
        "bel-air",
        brand=brand,
        collection=fall_2024,
        category=totes,
        name_en="Bel Air",
        name_fr="Bel Air",  # a style's name is the same in every language
        family="Bel Air",
        debut_date=datetime.date(2024, 3, 3),
        description_en=(
            "A calfskin tote named for the ultra-wealthy Los Angeles enclave. Its hallmark is a "
            "logo-engraved metal twist lock; two slender belts run across the front, and the inside is "
            "lined in softened napa. First shown in the fall 2024 presentation in Paris."
        ),
        description_fr=(
            "Un cabas en cuir de veau qui tient son nom de l’enclave huppée de Los Angeles. Sa signature : un "
            "fermoir tournant en métal gravé du logo ; deux fines ceintures barrent le devant, et l’intérieur est "
            "doublé de cuir nappa assoupli. Présenté lors du défilé automne 2024 à Paris."
        ),
    )
    hobo = _product(
        "bel-air-hobo",
        brand=brand,
        collection=fall_2024,
        category=hobo_bags,
        name_en="Bel Air Hobo",
        name_fr="Bel Air Hobo",  # a style's name is the same in every language
        family="Bel Air",
        debut_date=datetime.date(2024, 3, 3),
        description_en=(
            "The Hobo iteration of the Bel Air: the same calfskin, logo-engraved metal twist lock, two "
            "slender belts and softened napa lining, in a slouchier shape."
        ),
        description_fr=(
            "La version Hobo du Bel Air : le même cuir de veau, le fermoir tournant en métal gravé du logo, les deux "
            "fines ceintures et la doublure en cuir nappa assoupli, dans une forme plus souple."
        ),
    )
    rodeo = _product(
        "rodeo",
        brand=brand,
        collection=None,
        category=handbags,
        name_en="Rodeo",
        name_fr="Rodeo",  # a style's name is the same in every language
        family="Rodeo",
        debut_date=datetime.date(2024, 7, 1),
        description_en=(
            "The Rodeo handbag, which debuted in July 2024, fronted by Kim Kardashian in the Characters series."
        ),
        description_fr=("Le sac Rodeo, lancé en juillet 2024, porté par Kim Kardashian dans la série Characters."),
    )
    for product, shape in ((bel_air, "tote"), (hobo, "hobo")):
        _materials(product, [(calfskin, EXTERIOR, ("", "")), (napa, LINING, SOFTENED)])
        _features(product, BEL_AIR_FEATURES)
        _variants_and_images(product, colorways.values(), sizes.values(), shape=shape, base_price=Decimal("3900"))
        attach_quote(product, BEL_AIR_QUOTE, source=PRESS_RELEASE, translation_fr=BEL_AIR_QUOTE_FR)
    _dimensions(bel_air, {sizes[slug]: texts for slug, texts in BEL_AIR_DIMENSIONS.items()})
    _dimensions(hobo, {})
    _dimensions(rodeo, {})
    _materials(rodeo, [(calfskin, EXTERIOR, ("", ""))])
    _variants_and_images(rodeo, [colorways["black"]], sizes.values(), shape="tote", base_price=Decimal("3500"))
    load_markets({bel_air: {}, hobo: {"japan": MarketPrice.Availability.MADE_TO_ORDER}, rodeo: {"china": None}})
    return {"brand": brand, "bel_air": bel_air, "bel_air_hobo": hobo, "rodeo": rodeo}


def _product(slug, **values):
    return upsert(Product, {"slug": slug}, status=Status.PUBLISHED, publish_at=None, unpublish_at=None, **values)


def _materials(product, parts):
    """parts: (material, (part in English, in French), (note in English, in French))."""
    for order, (material, (part, part_fr), (note, note_fr)) in enumerate(parts):
        upsert(
            ProductMaterial,
            {"product": product, "material": material, "part_en": part},
            part_fr=part_fr or None,
            note_en=note,
            note_fr=note_fr,
            order=order,
        )


def _dimensions(product, by_size):
    """Exactly these dimensions (English, French) for `product`'s sizes (an upgraded database may hold copies of
    old ones)."""
    for size, (text, text_fr) in by_size.items():
        upsert(ProductSize, {"product": product, "size": size}, dimensions_en=text, dimensions_fr=text_fr)
    product.product_sizes.exclude(size__in=list(by_size)).delete()


def _features(product, texts):
    for order, (text, text_fr) in enumerate(texts):
        upsert(Feature, {"product": product, "order": order}, text_en=text, text_fr=text_fr)
    product.features.filter(order__gte=len(texts)).delete()


def _variants_and_images(product, colorways, sizes, *, shape, base_price):
    """One variant per colorway × size, and a front picture per colorway."""
    for position, colorway in enumerate(colorways):
        for step, size in enumerate(sizes):
            sku = sku_for(product, colorway, size)  # the generator's rule, so demo and editors' SKUs read alike
            upsert(
                Variant,
                {"product": product, "colorway": colorway, "size": size},
                sku=sku,
                price=base_price + 500 * step,
                currency="EUR",
                availability=Variant.Availability.IN_STOCK,
            )
        name, (width, height) = bag_picture(
            f"demo/{product.slug}-{colorway.slug}.jpg",
            colorway.swatch,
            f"{product.name}, {colorway.name.lower()} calfskin",
            shape=shape,
        )
        upsert(
            ProductImage,
            {"product": product, "colorway": colorway, "role": ProductImage.Role.FRONT},
            image=name,
            width=width,
            height=height,
            alt_text_en=f"The {product.name_en} in {colorway.name_en.lower()} calfskin, seen from the front",
            alt_text_fr=f"Le {product.name_en} en cuir de veau {colorway.name_fr.lower()}, vu de face",
            order=position,
        )


SYNTHETIC_PALETTE = [
    ("Noir", "#1b1b1b"),
    ("Sand", "#cbb89d"),
    ("Chalk", "#efeae0"),
    ("Oxblood", "#5c1a1b"),
    ("Forest", "#23412f"),
    ("Navy", "#1d2a44"),
    ("Caramel", "#a8672f"),
    ("Stone", "#8d8a83"),
]


def add_synthetic_products(count, *, batch_size=2000, progress=None):
    """Add `count` published products with 3 colorways × 2 sizes of variants and a picture each.

    For load and scale work: bulk_create in batches, one shared picture per
    colorway, so 20,000 products take seconds, not minutes.
    """
    started = time.monotonic()
    brand = upsert(Brand, {"slug": "balenciaga"}, name="Balenciaga")
    category = upsert(Category, {"slug": "handbags"}, name="Handbags", parent=None)
    colorways = [
        upsert(Colorway, {"slug": f"synthetic-{name.lower()}"}, name=f"{name} (synthetic)", swatch=hex_)
        for name, hex_ in SYNTHETIC_PALETTE
    ]
    sizes = [
        upsert(Size, {"slug": slug}, name_en=name, name_fr=name_fr, order=order) for name, name_fr, slug, order in SIZES
    ]
    pictures = {
        colorway.pk: bag_picture(f"demo/synthetic-{colorway.slug}.jpg", colorway.swatch, colorway.name)
        for colorway in colorways
    }
    for name, _size in pictures.values():
        make_renditions(name)  # bulk_create skips the save hook that would make them
    first = Product.objects.filter(slug__startswith="synthetic-").count()
    created = 0
    for batch_start in range(first, first + count, batch_size):
        numbers = range(batch_start, min(batch_start + batch_size, first + count))
        products = Product.objects.bulk_create(
            [
                Product(
                    brand=brand,
                    category=category,
                    name=f"Synthetic bag {number}",
                    slug=f"synthetic-{number}",
                    family=f"Synthetic family {number // 10}",
                    description="Generated for load testing.",
                    status=Status.PUBLISHED,
                    debut_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number % 1500),
                )
                for number in numbers
            ]
        )
        variants, images = [], []
        for number, product in zip(numbers, products, strict=True):
            chosen = [colorways[(number + shift) % len(colorways)] for shift in (0, 3, 5)]
            for colorway, size in itertools.product(chosen, sizes[:2]):
                variants.append(
                    Variant(
                        product=product,
                        colorway=colorway,
                        size=size,
                        sku=f"SYN-{number:07d}-{colorway.slug[10:13].upper()}-{size.slug[0].upper()}",
                        price=Decimal(900 + (number * 37) % 4000),
                        currency="EUR",
                    )
                )
            name, (width, height) = pictures[chosen[0].pk]
            images.append(
                ProductImage(
                    product=product,
                    colorway=chosen[0],
                    image=name,
                    width=width,
                    height=height,
                    alt_text=f"{product.name} in {chosen[0].name}, front",
                )
            )
        Variant.objects.bulk_create(variants, batch_size=batch_size)
        refresh_price_ranges([product.pk for product in products])
        ProductImage.objects.bulk_create(images, batch_size=batch_size)
        refresh_covers([product.pk for product in products])
        refresh_search_terms([product.pk for product in products])
        created += len(products)
        if progress:
            progress(created, count, time.monotonic() - started)
    invalidate_all()  # bulk_create sends no signals, so the page cache would not know
    refresh_planner_statistics([Product, Variant, ProductImage])
    return created


def refresh_planner_statistics(models):
    """ANALYZE the tables a bulk load filled.

    Without it PostgreSQL plans with the statistics of the empty tables until
    autovacuum comes by: the filtered catalogue took 35 s instead of 0.5 ms
    right after loading 20,000 products.
    """
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
