"""Campaigns, series and ambassadors in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fashion.admin_base import PUBLISHING_FIELDSET, PublishableAdmin, VisibilityFilter, thumbnail
from fashion.exports.admin import ExportableAdmin
from products.admin import QuoteInline

from .models import Ambassador, Campaign, CampaignImage, CampaignProduct, CampaignSeries, Credit


@admin.register(Ambassador)
class AmbassadorAdmin(ExportableAdmin, PublishableAdmin):
    actions = [*PublishableAdmin.actions, *ExportableAdmin.export_actions]
    list_display = ("picture", "name", "brand", "appointed_in", "role", "visibility_badge")
    list_display_links = ("picture", "name")
    list_filter = (VisibilityFilter, "brand", "appointed_in")
    list_select_related = ("brand",)
    search_fields = ("name", "role")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("brand",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "brand", "appointed_in", "role", "bio")}),
        (_("Portrait"), {"fields": ("portrait", "portrait_alt")}),
        PUBLISHING_FIELDSET,
    )

    @admin.display(description=_("portrait"))
    def picture(self, obj):
        return thumbnail(obj.portrait, obj.portrait_alt)


@admin.register(CampaignSeries)
class CampaignSeriesAdmin(PublishableAdmin):
    list_display = ("name", "brand", "photographer", "visibility_badge")
    list_filter = (VisibilityFilter, "brand")
    list_select_related = ("brand",)
    search_fields = ("name", "photographer")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("brand",)
    fieldsets = (
        (None, {"fields": ("brand", "name", "slug", "photographer", "description")}),
        PUBLISHING_FIELDSET,
    )


class CampaignProductInline(admin.TabularInline):
    model = CampaignProduct
    extra = 0
    fields = ("product", "order")
    # The product table is large: never render it as a <select>.
    autocomplete_fields = ("product",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    fields = ("role", "name", "order")


class CampaignImageInline(admin.TabularInline):
    model = CampaignImage
    extra = 0
    fields = ("preview", "image", "alt_text", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.image, obj.alt_text)


@admin.register(Campaign)
class CampaignAdmin(ExportableAdmin, PublishableAdmin):
    actions = [*PublishableAdmin.actions, *ExportableAdmin.export_actions]
    list_display = ("picture", "title", "series", "launch_date", "visibility_badge")
    list_display_links = ("picture", "title")
    list_filter = (VisibilityFilter, "series", "ambassadors")
    list_select_related = ("series",)
    search_fields = ("title", "summary", "series__name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("series", "ambassadors")
    date_hierarchy = "launch_date"
    inlines = [CampaignProductInline, CreditInline, CampaignImageInline, QuoteInline]
    fieldsets = (
        (None, {"fields": ("series", "title", "slug", "launch_date", "summary", "ambassadors")}),
        (_("Hero image"), {"fields": ("hero_image", "hero_alt")}),
        (_("Wardrobe"), {"fields": ("wardrobe",)}),
        (
            _("Companion video"),
            {
                "fields": ("video_file", "video_poster", "video_url", "video_concept"),
                "description": _("Upload an MP4 or WebM with a poster, or give a YouTube or Vimeo address."),
            },
        ),
        PUBLISHING_FIELDSET,
    )

    @admin.display(description=_("hero"))
    def picture(self, obj):
        return thumbnail(obj.hero_image, obj.hero_alt)
