"""The catalogue's datasets: one row per product, and one row per variant."""

from django.db.models import Max, Min, OuterRef, Subquery

from core.exports.columns import TimeColumn
from core.exports.datasets import (
    CHUNK_SIZE,
    Exporter,
    joined,
    register,
    slug_url_builder,
    visibility,
    with_children,
)

from .models import Feature, Product, ProductMaterial, Variant, describe_material, variant_price

AVAILABILITY = {value: str(label) for value, label in Variant.Availability.choices}
# The variants dataset's database columns, in file order (bench/export.py's floor reads the same).
VARIANT_COLUMNS = (
    "sku",
    "product__name",
    "product__slug",
    "product__brand__name",
    "product__category__name",
    "product__collection__name",
    "product__family",
    "colorway__name",
    "size__name",
    "price",
    "currency",
    "availability",
    "product__status",
)


@register
class ProductExporter(Exporter):
    name = "products"
    model = Product
    header = [
        "brand",
        "collection",
        "category",
        "family",
        "name",
        "slug",
        "status",
        "visibility",
        TimeColumn("publish_at"),
        TimeColumn("unpublish_at"),
        "materials",
        "features",
        "colorways",
        "sizes",
        "min_price",
        "max_price",
        "currency",
        "debut_date",
        "url",
    ]

    def rows(self, queryset):
        currency = Variant.objects.filter(product=OuterRef("pk")).order_by("price").values("currency")[:1]
        main = queryset.annotate(
            low=variant_price(Min), high=variant_price(Max), price_currency=Subquery(currency), visible=visibility()
        ).values_list(
            "pk",
            "brand__name",
            "collection__name",
            "category__name",
            "family",
            "name",
            "slug",
            "status",
            "visible",
            "publish_at",
            "unpublish_at",
            "low",
            "high",
            "price_currency",
            "debut_date",
        )
        url = slug_url_builder(self.base_url, "products:product-detail")
        rows = with_children(
            main,
            materials=lambda ids: (
                ProductMaterial.objects.filter(product__in=ids)
                .order_by("product_id", "order", "pk")
                .values_list("product_id", "note", "material__name", "part")
            ),
            features=lambda ids: (
                Feature.objects.filter(product__in=ids)
                .order_by("product_id", "order", "pk")
                .values_list("product_id", "text")
            ),
            colorways=lambda ids: (
                Variant.objects.filter(product__in=ids)
                .order_by("product_id", "colorway__name")
                .values_list("product_id", "colorway__name")
                .distinct()
            ),
            sizes=lambda ids: (
                Variant.objects.filter(product__in=ids)
                .order_by("product_id", "size__order", "size__name")
                .values_list("product_id", "size__order", "size__name")
                .distinct()
            ),
        )
        for (_, brand, collection, category, family, name, slug, *publishing, low, high, cur, debut), lists in rows:
            yield [
                brand,
                collection,
                category,
                family,
                name,
                slug,
                *publishing,
                joined(describe_material(*material) for material in lists["materials"]),
                joined(lists["features"]),
                joined(lists["colorways"]),
                joined(size_name for _, size_name in lists["sizes"]),
                low,
                high,
                cur,
                debut,
                url(slug),
            ]


@register
class VariantExporter(Exporter):
    """One row per variant, with the product's fields beside it: what merchandising asks for."""

    name = "variants"
    model = Variant
    header = [
        "sku",
        "product",
        "product_slug",
        "brand",
        "category",
        "collection",
        "family",
        "colorway",
        "size",
        "price",
        "currency",
        "availability",
        "product_status",
        "visibility",
        "url",
    ]
    brand_path = "product__brand"
    status_path = "product"
    updated_path = "product__updated_at"

    def rows(self, queryset):
        url = slug_url_builder(self.base_url, "products:product-detail")
        rows = (
            queryset.annotate(visible=visibility("product__"))
            .values_list(*VARIANT_COLUMNS, "visible")
            .iterator(CHUNK_SIZE)
        )
        for *values, availability, status, visible in rows:
            yield [*values, AVAILABILITY.get(availability, availability), status, visible, url(values[2])]
