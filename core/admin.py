"""Site-wide records in the admin: the export log (read-only) and share links (revocable)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_safety import SafeAdmin
from .conflicts import ConflictCheckingForm
from .models import ExportLog, ShareLink


@admin.register(ExportLog)
class ExportLogAdmin(SafeAdmin):
    list_display = (
        "created_at",
        "actor",
        "source",
        "dataset",
        "file_format",
        "filter_summary",
        "rows",
        "duration",
        "completed",
    )
    list_filter = ("source", "dataset", "file_format", "completed")
    list_select_related = ("user",)
    search_fields = ("actor", "dataset")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in ExportLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("filters"))
    def filter_summary(self, obj):
        return ", ".join(f"{key}: {value}" for key, value in obj.filters.items())


class ShareLinkForm(ConflictCheckingForm):
    """A link's expiry is set when it is made: it can be brought forward (or the link revoked), never extended."""

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        stored = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("expires_at", flat=True)
        current = stored.first()
        if current is not None and expires_at > current:
            raise ValidationError(
                _(
                    "A share link cannot be extended: pick a moment before its current expiry (%(current)s), "
                    "or make a new link."
                ),
                code="extended",
                params={"current": date_format(timezone.localtime(current), "DATETIME_FORMAT")},
            )
        return expires_at


@admin.register(ShareLink)
class ShareLinkAdmin(SafeAdmin):
    """Share links are made from an item's change form ("Create a share link"); here they are listed and revoked.

    Whoever may change share links may shorten or revoke any of them, never extend or revive one: a link
    outlives its purpose only by a new, recorded decision (a new link).
    """

    form = ShareLinkForm

    list_display = ("__str__", "content_type", "note", "created_by", "created_at", "expires_at", "active", "open_link")
    # Only the types that have links, not every content type of the project.
    list_filter = (("content_type", admin.RelatedOnlyFieldListFilter), ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("content_type", "created_by")
    search_fields = ("note",)
    fields = ("content_type", "object_id", "note", "created_by", "created_at", "expires_at", "revoked_at", "link")
    readonly_fields = ("content_type", "object_id", "created_by", "created_at", "revoked_at", "link")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        """An expired or revoked link is closed for good."""
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "expires_at") if obj is not None and not obj.is_active() else fields

    @admin.display(boolean=True, description=_("active"))
    def active(self, obj):
        return obj.is_active()

    @admin.display(description=_("link"))
    def open_link(self, obj):
        """In the list, a short "open": the signed address is long and would push the columns off the screen."""
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("open"))

    @admin.display(description=_("link"))
    def link(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url()) if obj.pk else "—"

    @admin.action(description=_("Revoke selected share links"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("%(count)d link(s) revoked.") % {"count": count}, messages.SUCCESS)
