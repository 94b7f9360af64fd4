"""Product columns kept from other rows (price range from variants, cover from pictures).

Each is one UPDATE over a set of products, run by the signals in
products/signals.py and after bulk writes, which send no signals.
"""

from django.db import models
from django.db.models import Max, Min, OuterRef, Subquery

from .product import Product, ProductImage, Variant


def variant_price(aggregate):
    """A product's lowest or highest variant price, as a subquery.

    A subquery rather than a join keeps catalogue filters on variants from
    multiplying rows or needing a GROUP BY over the whole catalogue.
    """
    prices = (
        Variant.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(value=aggregate("price"))
        .values("value")
    )
    return Subquery(prices, output_field=models.DecimalField(max_digits=10, decimal_places=2))


def refresh_price_ranges(product_ids):
    """Set the products' min_price and max_price from their variants, in one UPDATE.

    Called when a variant is saved or deleted (products/signals.py) and after
    bulk writes of variants, which send no signals.
    """
    Product.objects.filter(pk__in=product_ids).update(min_price=variant_price(Min), max_price=variant_price(Max))


def refresh_covers(product_ids):
    """Point the products' cover at their first picture by order, in one UPDATE.

    Called when a picture is saved or deleted (products/signals.py) and after
    bulk writes of pictures, which send no signals.
    """
    first = ProductImage.objects.filter(product=OuterRef("pk")).order_by("order", "pk").values("pk")[:1]
    Product.objects.filter(pk__in=product_ids).update(cover=Subquery(first))
