"""The catalogue's datasets: one row per product, and one row per variant."""

from django.db.models import Max, Min, OuterRef, Subquery

from fashion.exports.datasets import CHUNK_SIZE, ChildValues, Exporter, joined, register, slug_url_builder

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
        "publish_at",
        "unpublish_at",
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
        ids = self.ids_of(queryset)
        currency = Variant.objects.filter(product=OuterRef("pk")).order_by("price").values("currency")[:1]
        main = (
            queryset.order_by("pk")
            .annotate(low=variant_price(Min), high=variant_price(Max), price_currency=Subquery(currency))
            .values_list(
                "pk",
                "brand__name",
                "collection__name",
                "category__name",
                "family",
                "name",
                "slug",
                "status",
                "publish_at",
                "unpublish_at",
                "low",
                "high",
                "price_currency",
                "debut_date",
            )
        )
        materials = ChildValues(
            ProductMaterial.objects.filter(product__in=ids)
            .order_by("product_id", "order", "pk")
            .values_list("product_id", "note", "material__name", "part")
            .iterator(CHUNK_SIZE)
        )
        features = ChildValues(
            Feature.objects.filter(product__in=ids)
            .order_by("product_id", "order", "pk")
            .values_list("product_id", "text")
            .iterator(CHUNK_SIZE)
        )
        variants = Variant.objects.filter(product__in=ids)
        colorways = ChildValues(
            variants.order_by("product_id", "colorway__name")
            .values_list("product_id", "colorway__name")
            .distinct()
            .iterator(CHUNK_SIZE)
        )
        sizes = ChildValues(
            variants.order_by("product_id", "size__order", "size__name")
            .values_list("product_id", "size__order", "size__name")
            .distinct()
            .iterator(CHUNK_SIZE)
        )
        url = slug_url_builder(self.base_url, "products:product-detail")
        for pk, brand, collection, category, family, name, slug, *publishing, low, high, cur, debut in main.iterator(
            CHUNK_SIZE
        ):
            yield [
                brand,
                collection,
                category,
                family,
                name,
                slug,
                *publishing,
                joined(describe_material(*material) for material in materials.take(pk)),
                joined(features.take(pk)),
                joined(colorways.take(pk)),
                joined(size_name for _, size_name in sizes.take(pk)),
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
        "url",
    ]
    brand_path = "product__brand"
    status_path = "product"
    updated_path = "product__updated_at"

    def rows(self, queryset):
        url = slug_url_builder(self.base_url, "products:product-detail")
        rows = queryset.order_by("pk").values_list(*VARIANT_COLUMNS).iterator(CHUNK_SIZE)
        for *values, availability, status in rows:
            yield [*values, AVAILABILITY.get(availability, availability), status, url(values[2])]
