"""The catalogue: brands, shows, styles and the variants a customer can buy.

One module per responsibility: reference data (catalog), styles and their parts
(product), columns kept from other rows (derived).
"""

from .catalog import Brand, Category, Collection, Colorway, Material, Size
from .derived import refresh_covers, refresh_price_ranges, refresh_search_terms, variant_price
from .markets import Market, MarketPrice
from .product import (
    CARD_FIELDS,
    Feature,
    Product,
    ProductImage,
    ProductMaterial,
    ProductQuerySet,
    ProductSize,
    Quote,
    Variant,
    describe_material,
)

__all__ = [
    "CARD_FIELDS",
    "Brand",
    "Category",
    "Collection",
    "Colorway",
    "Feature",
    "Market",
    "MarketPrice",
    "Material",
    "Product",
    "ProductImage",
    "ProductMaterial",
    "ProductQuerySet",
    "ProductSize",
    "Quote",
    "Size",
    "Variant",
    "describe_material",
    "refresh_covers",
    "refresh_price_ranges",
    "refresh_search_terms",
    "variant_price",
]
