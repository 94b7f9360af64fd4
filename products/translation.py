"""Which catalogue texts are translated (django-modeltranslation): one column per language of LANGUAGES
(`name_en`, `name_fr`), the plain field (`name`) reading the visitor's language and falling back to the default.

The models with history register it here, after their translation columns exist, so that their history records
every language (django-simple-history's documented way with modeltranslation): a `HistoricalRecords()` on the
model itself would be built before the columns and keep the default language only.
"""

from modeltranslation.translator import TranslationOptions, register

from core.translations import register_history

from .models import (
    Category,
    Collection,
    Colorway,
    Feature,
    Market,
    Material,
    Product,
    ProductImage,
    ProductMaterial,
    ProductSize,
    Quote,
    Size,
)

# A slug not translated stays NULL (not ""), so that any number of items may leave it empty under its unique index.
SLUG_EMPTY = {"slug": None}


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Colorway)
class ColorwayTranslation(TranslationOptions):
    fields = ("name",)


@register(Size)
class SizeTranslation(TranslationOptions):
    fields = ("name",)


@register(Material)
class MaterialTranslation(TranslationOptions):
    fields = ("name",)


@register(Market)
class MarketTranslation(TranslationOptions):
    fields = ("name",)


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("name", "slug", "description")
    empty_values = SLUG_EMPTY


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "slug", "description")
    empty_values = SLUG_EMPTY


@register(Feature)
class FeatureTranslation(TranslationOptions):
    fields = ("text",)


@register(ProductMaterial)
class ProductMaterialTranslation(TranslationOptions):
    fields = ("part", "note")
    # NULL when untranslated: the unique (product, material, part) is kept per language, and two parts with no
    # French yet must not collide on "".
    empty_values = {"part": None}


@register(ProductSize)
class ProductSizeTranslation(TranslationOptions):
    fields = ("dimensions",)


@register(ProductImage)
class ProductImageTranslation(TranslationOptions):
    fields = ("alt_text",)


@register(Quote)
class QuoteTranslation(TranslationOptions):
    """A quote's own text stays in the language it was said in; these are its translations."""

    fields = ("translation",)


register_history(
    Product, excluded_fields=["updated_at", "min_price", "max_price", "cover", "search_terms"], user_related_name="+"
)
register_history(Collection, excluded_fields=["updated_at"], user_related_name="+")
register_history(ProductImage, excluded_fields=["width", "height"], user_related_name="+")
