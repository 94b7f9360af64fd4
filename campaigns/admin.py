"""Campaigns, series and ambassadors in the admin."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.admin_base import PUBLISHING_FIELDSET, PublishableAdmin, VisibilityFilter, picture_preview, thumbnail
from core.admin_safety import SafeAdmin, SafeInline
from core.admin_translations import TRANSLATIONS_FIELDSET, TranslatedAdmin, TranslatedTabularInline
from core.exports.admin import ExportableAdmin
from core.publishing import upcoming_changes
from products.admin import QuoteInline

from .forms import LaunchForm
from .models import Ambassador, Campaign, CampaignImage, CampaignProduct, CampaignSeries, Credit, Launch
from .services import launch_items, launch_schedule


@admin.register(Ambassador)
class AmbassadorAdmin(ExportableAdmin, PublishableAdmin, TranslatedAdmin):
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
        (_("Portrait"), {"fields": ("portrait_preview", "portrait", "portrait_alt")}),
        PUBLISHING_FIELDSET,
        TRANSLATIONS_FIELDSET,
    )

    readonly_fields = ("portrait_preview",)

    @admin.display(description=_("portrait"))
    def picture(self, obj):
        return thumbnail(obj.portrait, obj.portrait_alt)

    @admin.display(description=_("as it is now"))
    def portrait_preview(self, obj):
        return picture_preview(obj.portrait, obj.portrait_alt) if obj else "—"


@admin.register(CampaignSeries)
class CampaignSeriesAdmin(PublishableAdmin, TranslatedAdmin):
    list_display = ("name", "brand", "photographer", "visibility_badge")
    list_filter = (VisibilityFilter, "brand")
    list_select_related = ("brand",)
    search_fields = ("name", "photographer")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("brand",)
    fieldsets = (
        (None, {"fields": ("brand", "name", "slug", "photographer", "description")}),
        PUBLISHING_FIELDSET,
        TRANSLATIONS_FIELDSET,
    )


class CampaignProductInline(SafeInline, admin.TabularInline):
    model = CampaignProduct
    extra = 0
    fields = ("product", "order")
    # The product table is large: never render it as a <select>.
    autocomplete_fields = ("product",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")


class CreditInline(SafeInline, TranslatedTabularInline):
    model = Credit
    extra = 0
    fields = ("role", "name", "order")


class CampaignImageInline(SafeInline, TranslatedTabularInline):
    model = CampaignImage
    extra = 0
    fields = ("preview", "image", "alt_text", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.image, obj.alt_text)


@admin.register(Campaign)
class CampaignAdmin(ExportableAdmin, PublishableAdmin, TranslatedAdmin):
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
    history_related = ((_("Gallery"), CampaignImage, "campaign"),)
    fieldsets = (
        (None, {"fields": ("series", "title", "slug", "launch_date", "summary", "ambassadors")}),
        (_("Hero image"), {"fields": ("hero_preview", "hero_image", "hero_alt")}),
        (_("Wardrobe"), {"fields": ("wardrobe",)}),
        (
            _("Companion video"),
            {
                "fields": ("video_file", "video_poster", "video_url", "video_concept"),
                "description": _("Upload an MP4 or WebM with a poster, or give a YouTube or Vimeo address."),
            },
        ),
        PUBLISHING_FIELDSET,
        TRANSLATIONS_FIELDSET,
    )

    readonly_fields = ("hero_preview",)

    @admin.display(description=_("hero"))
    def picture(self, obj):
        return thumbnail(obj.hero_image, obj.hero_alt)

    @admin.display(description=_("as it is now"))
    def hero_preview(self, obj):
        return picture_preview(obj.hero_image, obj.hero_alt) if obj else "—"


@admin.register(Launch)
class LaunchAdmin(SafeAdmin):
    """Schedule an installment with its products and ambassadors in one step; see the next 30 days."""

    list_display = ("name", "campaign", "go_live_at", "come_down_at", "created_by")
    list_select_related = ("campaign", "created_by")
    search_fields = ("name", "campaign__title")
    date_hierarchy = "go_live_at"
    autocomplete_fields = ("campaign", "products", "ambassadors")
    change_list_template = "admin/campaigns/launch/change_list.html"
    form = LaunchForm
    fieldsets = (
        (None, {"fields": ("name", "campaign", "products", "ambassadors")}),
        (
            _("When"),
            {
                "fields": ("go_live_at", "come_down_at"),
                "description": format_lazy(
                    _("Times are in the house's timezone, {zone}. Saving schedules every item that is not live yet."),
                    zone=settings.TIME_ZONE,
                ),
            },
        ),
    )

    def _may_publish(self, request):
        """A launch publishes an installment, its series, products and ambassadors: it needs all four rights."""
        return request.user.has_perms(
            [
                "campaigns.publish_campaign",
                "campaigns.publish_campaignseries",
                "products.publish_product",
                "campaigns.publish_ambassador",
            ]
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_publish(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_publish(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        launch = form.instance
        scheduled = launch_schedule(launch=launch)
        self.message_user(
            request,
            _("%(count)d of %(total)d items go live at %(when)s; the others were already live.")
            % {
                "count": len(scheduled),
                "total": len(launch_items(launch)),
                "when": date_format(timezone.localtime(launch.go_live_at), "DATETIME_FORMAT"),
            },
            messages.SUCCESS,
        )

    def get_urls(self):
        overview = self.admin_site.admin_view(self.overview_view)
        return [path("overview/", overview, name="campaigns_launch_overview"), *super().get_urls()]

    def overview_view(self, request):
        """What goes live and comes down in the next 30 days, across every public type."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = upcoming_changes()
        return self.admin_page(
            request,
            "admin/campaigns/launch/overview.html",
            _("Launch overview: the next 30 days"),
            rows=[
                {
                    "when": when,
                    "what": _("goes live") if change == "live" else _("comes down"),
                    "item": item,
                    "type": item._meta.verbose_name,
                    "url": reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk]),
                }
                for when, change, item in rows
            ],
            zone=settings.TIME_ZONE,
        )
