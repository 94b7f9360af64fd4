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

from .models import (
    Brand,
    Category,
    Collection,
    Colorway,
    Feature,
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
    "small": "W 26 × H 19 × D 11 cm",
    "medium": "W 33 × H 23 × D 14 cm",
    "large": "W 40 × H 29 × D 17 cm",
}
PRESS_RELEASE = "Balenciaga press release"
BEL_AIR_QUOTE = (
    "[The Bel Air’s] construction is deceptively relaxed, with a fortified, round-edged build "
    "designed to live as a timeless heirloom."
)
WWD_QUOTE = (
    "stayed true to [creative director Demna Gvasalia’s] hardcore, DIY inclinations but with less "
    "angst and more wry humor, even playfulness."
)
BEL_AIR_FEATURES = [
    "Logo-engraved metal twist lock",
    "Two slender belts across the front",
    "Softened napa lining",
]


def upsert(model, lookup, **values):
    """update_or_create keyed on `lookup`: what makes the demo idempotent."""
    return model.objects.update_or_create(**lookup, defaults=values)[0]


def attach_quote(subject, text, *, speaker="", source="", date=None):
    """Attach a quote to any model once (idempotent on the text)."""
    content_type = ContentType.objects.get_for_model(subject)
    return upsert(
        Quote,
        {"content_type": content_type, "object_id": subject.pk, "text": text},
        speaker=speaker,
        source=source,
        date=date,
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
        name="Fall 2024",
        season=Collection.Season.FALL,
        year=2024,
        shown_in="Paris",
        shown_on=datetime.date(2024, 3, 3),
        creative_director="Demna",
        description=("Balenciaga's fall 2024 presentation in Paris, in March 2024, where the Bel Air was first shown."),
        status=Status.PUBLISHED,
    )
    attach_quote(fall_2024, WWD_QUOTE, speaker="Miles Socha", source="WWD", date=datetime.date(2024, 3, 3))

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
        name="Bel Air",
        family="Bel Air",
        debut_date=datetime.date(2024, 3, 3),
        description=(
            "A calfskin tote named for the ultra-wealthy Los Angeles enclave. Its hallmark is a "
            "logo-engraved metal twist lock; two slender belts run across the front, and the inside is "
            "lined in softened napa. First shown in the fall 2024 presentation in Paris."
        ),
    )
    hobo = _product(
        "bel-air-hobo",
        brand=brand,
        collection=fall_2024,
        category=hobo_bags,
        name="Bel Air Hobo",
        family="Bel Air",
        debut_date=datetime.date(2024, 3, 3),
        description=(
            "The Hobo iteration of the Bel Air: the same calfskin, logo-engraved metal twist lock, two "
            "slender belts and softened napa lining, in a slouchier shape."
        ),
    )
    rodeo = _product(
        "rodeo",
        brand=brand,
        collection=None,
        category=handbags,
        name="Rodeo",
        family="Rodeo",
        debut_date=datetime.date(2024, 7, 1),
        description=(
            "The Rodeo handbag, which debuted in July 2024, fronted by Kim Kardashian in the Characters series."
        ),
    )
    for product, shape in ((bel_air, "tote"), (hobo, "hobo")):
        _materials(product, [(calfskin, "exterior", ""), (napa, "lining", "softened")])
        _features(product, BEL_AIR_FEATURES)
        _variants_and_images(product, colorways.values(), sizes.values(), shape=shape, base_price=Decimal("3900"))
        attach_quote(product, BEL_AIR_QUOTE, source=PRESS_RELEASE)
    _dimensions(bel_air, {sizes[slug]: text for slug, text in BEL_AIR_DIMENSIONS.items()})
    _dimensions(hobo, {})
    _dimensions(rodeo, {})
    _materials(rodeo, [(calfskin, "exterior", "")])
    _variants_and_images(rodeo, [colorways["black"]], sizes.values(), shape="tote", base_price=Decimal("3500"))
    return {"brand": brand, "bel_air": bel_air, "bel_air_hobo": hobo, "rodeo": rodeo}


def _product(slug, **values):
    return upsert(Product, {"slug": slug}, status=Status.PUBLISHED, publish_at=None, unpublish_at=None, **values)


def _materials(product, parts):
    for order, (material, part, note) in enumerate(parts):
        upsert(ProductMaterial, {"product": product, "material": material, "part": part}, note=note, order=order)


def _dimensions(product, by_size):
    """Exactly these dimensions for `product`'s sizes (an upgraded database may hold copies of old ones)."""
    for size, text in by_size.items():
        upsert(ProductSize, {"product": product, "size": size}, dimensions=text)
    product.product_sizes.exclude(size__in=list(by_size)).delete()


def _features(product, texts):
    for order, text in enumerate(texts):
        upsert(Feature, {"product": product, "order": order}, text=text)
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
            alt_text=f"The {product.name} in {colorway.name.lower()} calfskin, seen from the front",
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
