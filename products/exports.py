"""The catalogue's datasets: one row per product, and one row per variant."""

from django.conf import settings
from django.db.models import Max, Min, OuterRef, Subquery

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

AVAILABILITY = {value: str(label) for value, label in Variant.Availability.choices}


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
        Column("availability", value=lambda row: AVAILABILITY.get(row["availability"]), reads=["availability"]),
        Column("product_status", "product__status"),
        Column("visibility", "visible"),
    ]
    # Every other market's price and availability: a list per variant, turned into two columns per market.
    children = {
        "market_prices": lambda ids: (
            MarketPrice.objects.filter(variant__in=ids)
            .order_by("variant_id", "market__order", "market__slug")
            .values_list("variant_id", "market__slug", "price", "availability")
        ),
    }
    brand_path = "product__brand"
    status_path = "product"
    updated_path = "product__updated_at"
    slug_path = "product__slug"

    def all_columns(self):
        """The house market's price is the variant's own (`price`, `currency`, `availability`); each other market
        adds `price_<market>` (empty: not sold there; "on request") and `availability_<market>`."""
        markets = Market.objects.exclude(slug=settings.HOUSE_MARKET).order_by("order", "slug")
        return [*super().all_columns(), *(column for market in markets for column in market_columns(market))]


MARKET_AVAILABILITY = {value: str(label) for value, label in MarketPrice.Availability.choices}


def market_columns(market):
    def offer(row):
        return next((rest for slug, *rest in row["market_prices"] if slug == market.slug), None)

    def price(row):
        found = offer(row)
        if found is None or found[1] == MarketPrice.Availability.NOT_SOLD:
            return None
        return found[0] if found[0] is not None else "on request"

    def availability(row):
        found = offer(row)
        return MARKET_AVAILABILITY[found[1]] if found else MARKET_AVAILABILITY[MarketPrice.Availability.NOT_SOLD]

    return [
        Column(f"price_{market.slug} ({market.currency})", value=price),
        Column(f"availability_{market.slug}", value=availability),
    ]
