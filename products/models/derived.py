"""Product columns kept from other rows (price range from variants, cover from pictures, names to search by).

Each is one UPDATE over a set of products, run by the signals in
products/signals.py and after bulk writes, which send no signals.
"""

from django.db import models
from django.db.models import Max, Min, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from core.cache_tags import invalidate, search_tag
from core.translations import columns

from .catalog import Brand
from .product import Product, ProductImage, ProductMaterial, Variant


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


def names_through(model, name_path):
    """The distinct names a product reaches through `model` (its variants' colorways, its materials), one string.

    The comma is the one delimiter SQLite's GROUP_CONCAT(DISTINCT …) accepts; full-text parsing splits on it.
    """
    names = (
        model.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(names=StringAgg(name_path, Value(","), distinct=True))
        .values("names")
    )
    return Coalesce(Subquery(names), Value(""), output_field=models.TextField())


def search_terms(*, brands=Brand, variants=Variant, materials=ProductMaterial, name_columns=columns):
    """What a product is also found by: its brand's, colorways' and materials' names, in every language (a
    French visitor finds the black bags by "noir").

    The models and the translated columns (`name_columns("colorway__name")`) are parameters so that a migration
    can pass its historical ones.
    """
    brand = brands.objects.filter(pk=OuterRef("brand_id")).values("name")[:1]
    parts = [Coalesce(Subquery(brand), Value(""), output_field=models.TextField())]
    parts += [names_through(variants, path) for path in name_columns("colorway__name")]
    parts += [names_through(materials, path) for path in name_columns("material__name")]
    spaced = [parts[0]]
    for part in parts[1:]:
        spaced += [Value(" "), part]
    return Concat(*spaced, output_field=models.TextField())


def refresh_search_terms(products):
    """Set `search_terms` of `products` (ids, or a queryset of products) in one UPDATE.

    Kept as a column so the search vector, and its index, read one row (fashion/search.py): reaching the
    brand, colorways and materials at query time made every uncached search scan the catalogue.
    """
    queryset = products if isinstance(products, models.QuerySet) else Product.objects.filter(pk__in=products)
    queryset.update(search_terms=search_terms())
    invalidate({search_tag(Product)})  # an update sends no signal: search results read this column
