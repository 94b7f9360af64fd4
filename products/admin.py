"""The catalogue in the admin: every model editable, fast at 20,000 products."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_base import PUBLISHING_FIELDSET, PublishableAdmin, VisibilityFilter, thumbnail
from core.admin_history import HistoryAdmin
from core.admin_safety import SafeAdmin, SafeInline, clean_search_term
from core.admin_translations import (
    TRANSLATIONS_FIELDSET,
    TranslatedAdmin,
    TranslatedGenericTabularInline,
    TranslatedTabularInline,
)
from core.exports.admin import ExportableAdmin

from .forms import PriceChangeForm, VariantMatrixForm
from .models import (
    Brand,
    Category,
    Collection,
    Colorway,
    Feature,
    Market,
    MarketPrice,
    Material,
    Product,
    ProductImage,
    ProductMaterial,
    ProductSize,
    Quote,
    Size,
    Variant,
)
from .services import prices_change, variants_generate


class QuoteInline(SafeInline, TranslatedGenericTabularInline):
    model = Quote
    extra = 0
    fields = ("text", "language", "translation", "speaker", "source", "date", "order")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":  # the site's languages, read from settings (no choices in the model)
            kwargs["widget"] = forms.Select(choices=settings.LANGUAGES)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Brand)
class BrandAdmin(SafeAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Collection)
class CollectionAdmin(PublishableAdmin, TranslatedAdmin):
    list_display = ("name", "brand", "season", "year", "shown_in", "shown_on", "visibility_badge")
    list_filter = (VisibilityFilter, "brand", "season", "year")
    list_select_related = ("brand",)
    search_fields = ("name", "creative_director", "shown_in")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("brand",)
    date_hierarchy = "shown_on"
    inlines = [QuoteInline]
    fieldsets = (
        (None, {"fields": ("brand", "name", "slug", "season", "year", "description")}),
        (_("The show"), {"fields": ("shown_in", "shown_on", "creative_director")}),
        PUBLISHING_FIELDSET,
        TRANSLATIONS_FIELDSET,
    )


@admin.register(Category)
class CategoryAdmin(SafeAdmin, TranslatedAdmin):
    list_display = ("name", "parent", "slug")
    list_filter = ("parent",)
    list_select_related = ("parent",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)


@admin.register(Colorway)
class ColorwayAdmin(SafeAdmin, TranslatedAdmin):
    list_display = ("name", "swatch", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Size)
class SizeAdmin(SafeAdmin, TranslatedAdmin):
    list_display = ("name", "order", "slug")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Material)
class MaterialAdmin(SafeAdmin, TranslatedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class VariantInline(SafeInline, admin.TabularInline):
    model = Variant
    extra = 0
    fields = ("colorway", "size", "sku", "price", "currency", "availability")
    autocomplete_fields = ("colorway", "size")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("colorway", "size")


class ProductImageInline(SafeInline, TranslatedTabularInline):
    model = ProductImage
    extra = 0
    fields = ("preview", "image", "alt_text", "role", "colorway", "order")
    readonly_fields = ("preview",)
    autocomplete_fields = ("colorway",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.image, obj.alt_text)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("colorway")


class FeatureInline(SafeInline, TranslatedTabularInline):
    model = Feature
    extra = 0
    fields = ("text", "order")


class ProductSizeInline(SafeInline, TranslatedTabularInline):
    model = ProductSize
    extra = 0
    fields = ("size", "dimensions")
    autocomplete_fields = ("size",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("size")


class ProductMaterialInline(SafeInline, TranslatedTabularInline):
    model = ProductMaterial
    extra = 0
    fields = ("material", "part", "note", "order")
    autocomplete_fields = ("material",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("material")


@admin.register(Product)
class ProductAdmin(ExportableAdmin, PublishableAdmin, TranslatedAdmin):
    list_display = ("picture", "name", "family", "brand", "category", "collection", "debut_date", "visibility_badge")
    list_display_links = ("picture", "name")
    list_editable = ("family",)
    list_filter = (VisibilityFilter, "brand", "category", "collection")
    # The cover is the first picture, kept on the product (products/models/derived.py): one join, no prefetch.
    list_select_related = ("brand", "category", "collection", "collection__brand", "cover")
    search_fields = ("name", "slug", "family")
    search_help_text = _("Name, family, slug, or a variant's exact SKU.")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("brand", "collection", "category")
    date_hierarchy = "debut_date"
    inlines = [
        ProductMaterialInline,
        FeatureInline,
        ProductSizeInline,
        VariantInline,
        ProductImageInline,
        QuoteInline,
    ]
    history_related = ((_("Variants"), Variant, "product"), (_("Pictures"), ProductImage, "product"))
    fieldsets = (
        (None, {"fields": ("brand", "name", "slug", "family", "category", "collection", "debut_date")}),
        (_("Description"), {"fields": ("description",)}),
        PUBLISHING_FIELDSET,
        TRANSLATIONS_FIELDSET,
    )

    actions = [*PublishableAdmin.actions, "generate_variants", *ExportableAdmin.export_actions]

    def get_urls(self):
        generate = self.admin_site.admin_view(self.variant_matrix_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_variant_matrix"
        return [path("<path:object_id>/variants/generate/", generate, name=name), *super().get_urls()]

    @admin.action(
        description=_("Generate variants…"), permissions=["change"], location=admin.ActionLocation.CHANGE_FORM
    )
    def generate_variants(self, request, queryset):
        return redirect("admin:products_product_variant_matrix", queryset.get().pk)

    def variant_matrix_view(self, request, object_id):
        """Pick colorways × sizes and a base price; the missing variants are created in one step."""
        product = self.item_or_404(request, object_id, self.may_add_variants)
        form = VariantMatrixForm(request.POST or None)
        if form.is_valid():
            created = variants_generate(product=product, **form.generation())
            self.message_user(
                request,
                ngettext("%(count)d variant created.", "%(count)d variants created.", len(created))
                % {"count": len(created)},
                messages.SUCCESS,
            )
            return redirect("admin:products_product_change", product.pk)
        return self.admin_page(
            request,
            "admin/products/variant_matrix.html",
            _("Generate variants of %(product)s") % {"product": product},
            product=product,
            form=form,
            existing=product.variants.count(),
        )

    def may_add_variants(self, request, product):
        return self.has_change_permission(request, product) and request.user.has_perm("products.add_variant")

    def get_search_results(self, request, queryset, search_term):
        """Also find a product by one of its SKUs.

        An EXISTS on the exact SKU instead of `variants__sku` in search_fields:
        the join would make Django add DISTINCT over 120,000 variants (0.8 s at
        20,000 products, bench/scale.py); this stays on the SKU's unique index.
        """
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        sku = clean_search_term(search_term).strip()
        if sku:
            by_sku = Variant.objects.filter(product=OuterRef("pk"), sku=sku)
            found |= queryset.filter(Exists(by_sku))
        return found, may_have_duplicates

    @admin.display(description=_("picture"))
    def picture(self, obj):
        return thumbnail(obj.cover.image, obj.cover.alt_text) if obj.cover else "—"


@admin.register(Market)
class MarketAdmin(SafeAdmin, TranslatedAdmin):
    list_display = ("name", "slug", "currency", "languages", "shows_prices", "order")
    list_editable = ("order",)
    search_fields = ("name", "slug", "currency")
    prepopulated_fields = {"slug": ("name",)}

    def has_delete_permission(self, request, obj=None):
        """The house market (HOUSE_MARKET) is where the variants' own prices belong: it cannot go."""
        if obj is not None and obj.is_house_market:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.exclude(slug=settings.HOUSE_MARKET))


class MarketPriceInline(SafeInline, admin.TabularInline):
    """A variant's prices as one row per market (the house market's is the variant's own price, above)."""

    model = MarketPrice
    fields = ("market", "price", "availability")
    verbose_name_plural = _("Prices in the other markets")

    def get_extra(self, request, obj=None, **kwargs):
        """A row ready for each market the variant has no price in yet."""
        others = Market.objects.exclude(slug=settings.HOUSE_MARKET)
        if obj is not None:
            others = others.exclude(prices__variant=obj)
        return min(others.count(), 10)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("market")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "market":
            kwargs["queryset"] = Market.objects.exclude(slug=settings.HOUSE_MARKET)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MarketPrice)
class MarketPriceAdmin(SafeAdmin):
    """Every price in every market other than the house's: filter a market, select, and change by a percentage."""

    list_display = ("variant", "market", "price", "availability")
    list_filter = ("market", "availability")
    list_select_related = ("variant", "variant__product", "variant__colorway", "variant__size", "market")
    search_fields = ("variant__sku", "variant__product__name")
    autocomplete_fields = ("variant",)
    list_per_page = 100
    show_full_result_count = False
    actions = ["change_prices"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "market":  # the house market's prices are the variants' own
            kwargs["queryset"] = Market.objects.exclude(slug=settings.HOUSE_MARKET)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description=_("Change prices by a percentage…"), permissions=["change"])
    def change_prices(self, request, queryset):
        """Asks for the percentage on a page of its own, which posts the same selection back (the ticked rows or
        the whole filtered list, never a list of ids), then applies it in one UPDATE per market unless a
        selected price changed after the list was shown."""
        form = PriceChangeForm(request.POST if "percent" in request.POST else None)
        if form.is_valid():
            if self.refuse_stale(request, queryset):
                return None
            try:
                count = prices_change(queryset=queryset, percent=form.cleaned_data["percent"])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext("%(count)d price changed.", "%(count)d prices changed.", count) % {"count": count},
                messages.SUCCESS,
            )
            return None
        selection = [(key, value) for key, values in request.POST.lists() for value in values if key != "percent"]
        return self.admin_page(
            request,
            "admin/products/price_change.html",
            _("Change prices by a percentage"),
            form=form,
            selection=[(key, value) for key, value in selection if key != "csrfmiddlewaretoken"],
            count=queryset.count(),
            markets=sorted({str(market) for market in Market.objects.filter(prices__in=queryset.values("pk"))}),
        )


@admin.register(Variant)
class VariantAdmin(ExportableAdmin, HistoryAdmin):
    lock_parents = ("product",)
    inlines = [MarketPriceInline]
    actions = ExportableAdmin.export_actions
    list_display = ("sku", "product", "colorway", "size", "price", "currency", "availability")
    list_filter = ("availability", "currency", "colorway", "size")
    list_select_related = ("product", "colorway", "size")
    search_fields = ("sku", "product__name")
    autocomplete_fields = ("product", "colorway", "size")
    list_per_page = 100
    # Counting 100,000+ variants for every page is the slow part; show "more" instead.
    show_full_result_count = False


@admin.register(Quote)
class QuoteAdmin(SafeAdmin, TranslatedAdmin):
    """Quotes are edited on their product, collection or campaign; this lists them all."""

    list_display = ("__str__", "speaker", "source", "date", "content_type")
    list_filter = ("content_type", "source")
    list_select_related = ("content_type",)
    search_fields = ("text", "speaker", "source")
    date_hierarchy = "date"
    readonly_fields = ("content_type", "object_id")

    def has_add_permission(self, request):
        return False
