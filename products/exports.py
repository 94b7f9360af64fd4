"""The catalogue's datasets: one row per product, and one row per variant."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils.translation import gettext

from core.exports.columns import Column, joined, joined_list
from core.exports.datasets import PUBLISHING_COLUMNS, Exporter, register
from core.translations import text_in_language

from .models import (
    Feature,
    Market,
    MarketPrice,
    Product,
    ProductMaterial,
    Variant,
    describe_material,
    variant_price,
)


def availability_label(row):
    """The variant's stock in the export's language (rows are written under it: Exporter.rows)."""
    return str(Variant.Availability(row["availability"]).label) if row["availability"] else ""


@register
class ProductExporter(Exporter):
    name = "products"
    model = Product
    public_url = "products:product-detail"
    columns = [
        Column("brand", "brand__name"),
        Column("collection", "collection__name"),
        Column("category", "category__name"),
        Column("family"),
        Column("name"),
        Column("slug"),
        Column("description"),
        *PUBLISHING_COLUMNS,
        Column("materials", value=lambda row: joined(describe_material(*m) for m in row["materials"])),
        Column("features", value=joined_list("features")),
        Column("colorways", value=joined_list("colorways")),
        Column("sizes", value=lambda row: joined(size_name for _, size_name in row["sizes"])),
        Column("min_price", "low"),
        Column("max_price", "high"),
        Column("currency", "price_currency"),
        Column("debut_date"),
    ]
    children = {
        "materials": lambda ids: (
            ProductMaterial.objects.filter(product__in=ids)
            .order_by("product_id", "order", "pk")
            .values_list(
                "product_id",
                *(text_in_language(ProductMaterial, path) for path in ("note", "material__name", "part")),
            )
        ),
        "features": lambda ids: (
            Feature.objects.filter(product__in=ids)
            .order_by("product_id", "order", "pk")
            .values_list("product_id", text_in_language(Feature, "text"))
        ),
        "colorways": lambda ids: (
            Variant.objects.filter(product__in=ids)
            .order_by("product_id", "colorway__name")
            .values_list("product_id", text_in_language(Variant, "colorway__name"))
            .distinct()
        ),
        "sizes": lambda ids: (
            Variant.objects.filter(product__in=ids)
            .order_by("product_id", "size__order", "size__name")
            .values_list("product_id", "size__order", text_in_language(Variant, "size__name"))
            .distinct()
        ),
    }

    def annotations(self):
        currency = Variant.objects.filter(product=OuterRef("pk")).order_by("price").values("currency")[:1]
        return {
            "low": variant_price(Min),
            "high": variant_price(Max),
            "price_currency": Subquery(currency),
        }


@register
class VariantExporter(Exporter):
    """One row per variant, with the product's fields beside it: what merchandising asks for."""

    name = "variants"
    model = Variant
    public_url = "products:product-detail"
    columns = [
        Column("sku"),
        Column("product", "product__name"),
        Column("product_slug", "product__slug"),
        Column("brand", "product__brand__name"),
        Column("category", "product__category__name"),
        Column("collection", "product__collection__name"),
        Column("family", "product__family"),
        Column("colorway", "colorway__name"),
        Column("size", "size__name"),
        Column("price"),
        Column("currency"),
        Column("availability", value=availability_label, reads=["availability"]),
        Column("product_status", "product__status"),
        Column("visibility", "visible"),
    ]
    brand_path = "product__brand"
    status_path = "product"
    updated_path = "product__updated_at"
    slug_path = "product__slug"

    def markets(self):
        """Every market but the house's (whose prices are the variants' own `price` and `currency`)."""
        if not hasattr(self, "_markets"):
            self._markets = list(Market.objects.exclude(slug=settings.HOUSE_MARKET).order_by("order", "slug"))
        return self._markets

    def annotations(self):
        """Each other market's price and availability, read in the main query (one row per variant and market,
        by its unique index): no query per chunk of rows."""
        found = {}
        for number, market in enumerate(self.markets()):
            row = MarketPrice.objects.filter(variant=OuterRef("pk"), market=market)
            found[f"market_{number}_price"] = Subquery(row.values("price")[:1])
            found[f"market_{number}_availability"] = Subquery(row.values("availability")[:1])
        return found

    def all_columns(self):
        """`price_<market> (<currency>)`: empty where not sold, "on request" where it has no price; and
        `availability_<market>`, after the house market's own columns."""
        return [
            *super().all_columns(),
            *(column for number, market in enumerate(self.markets()) for column in market_columns(number, market)),
        ]


NOT_SOLD = MarketPrice.Availability.NOT_SOLD
CENTS = Decimal("0.01")


def market_columns(number, market):
    price_path, availability_path = f"market_{number}_price", f"market_{number}_availability"

    def price(row):
        if row[availability_path] in (None, NOT_SOLD):
            return None
        if row[price_path] is None:
            return gettext("on request")
        return Decimal(row[price_path]).quantize(CENTS)  # as the house price is written (SQLite drops the cents)

    def availability(row):
        return str(MarketPrice.Availability(row[availability_path] or NOT_SOLD).label)

    return [
        Column(f"price_{market.slug} ({market.currency})", value=price, reads=[price_path, availability_path]),
        Column(f"availability_{market.slug}", value=availability, reads=[availability_path]),
    ]
