"""Admin pieces every publishable model shares: actions, columns, fieldsets."""

import itertools

from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_history import HistoryAdmin
from .cache_tags import invalidate_all
from .conflicts import decode_snapshot, row_key
from .models import ShareLink
from .publishing import Status, published_q

BOTH_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]

PUBLISHING_FIELDS = ("status", "publish_at", "unpublish_at")
PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": PUBLISHING_FIELDS,
        "description": format_lazy(
            _("Times are in the house's timezone, {zone}. Visitors see the item only while it is live."),
            zone=settings.TIME_ZONE,
        ),
    },
)

READ_ONLY_PUBLISHING = format_lazy(
    _(
        "Only Publishers put items on the site, take them down, schedule them or, once an item is published, "
        "move it under another parent (a campaign's series). What you create starts as a draft. Times are in "
        "the house's timezone, {zone}."
    ),
    zone=settings.TIME_ZONE,
)


class VisibilityFilter(admin.SimpleListFilter):
    """Live, scheduled, expired or draft: what visitors see right now."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", _("Live")), ("scheduled", _("Scheduled")), ("expired", _("Expired")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "live":
                return queryset.filter(published_q(now=now))
            case "scheduled":
                return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
            case "expired":
                return queryset.filter(status=Status.PUBLISHED, unpublish_at__lte=now)
            case "draft":
                return queryset.filter(status=Status.DRAFT)
        return queryset


def picture_preview(image_field, alt="", width=320):
    """The picture itself on a change form, not only its file name: at `width`, in its own proportions."""
    if not image_field:
        return "—"
    try:
        height = round(image_field.height * width / image_field.width)
    except (TypeError, ZeroDivisionError, OSError, ValueError):  # no dimensions kept, or the file is gone
        height = width
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-picture">', image_field.url, alt, width, height
    )


def thumbnail(image_field, alt="", size=60):
    """A small <img> for a change list; empty when there is no picture."""
    if not image_field:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumbnail" loading="lazy">',
        image_field.url,
        alt,
        size,
        size,
    )


class PublishableAdmin(HistoryAdmin):
    """Publish and unpublish in bulk or from the change form; visibility at a glance.

    Publishing is its own permission (`publish_<model>`): without it an editor
    sees status and dates read-only, has no publish actions, and what they
    create starts as a draft. Moving a published item under another parent that
    decides its visibility (a campaign's series: `Model.published_through`) is a
    publishing act too. Every change, publishing included, lands in the item's
    history (django-simple-history), with a field-by-field diff and a revert
    that saves a new version.
    """

    actions = ["publish", "unpublish", "share"]
    save_on_top = True

    def has_share_permission(self, request):
        return self.has_change_permission(request) and request.user.has_perm("core.add_sharelink")

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def get_fieldsets(self, request, obj=None):
        """Without publish permission, the publishing section says why it is read-only."""
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_publish_permission(request):
            return fieldsets
        return [
            (name, {**options, "description": READ_ONLY_PUBLISHING})
            if name == PUBLISHING_FIELDSET[0]
            else (name, options)
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += PUBLISHING_FIELDS
            if obj is not None and obj.pk and (obj.status == Status.PUBLISHED or self._shown_read_only(request, obj)):
                fields += tuple(self.model.published_through)
        return fields

    @staticmethod
    def _shown_read_only(request, obj):
        """Whether the page being saved showed this item's parents read-only (it was published then): a
        publisher unpublishing it meanwhile must not turn the save into "this field is required"."""
        base = (decode_snapshot(request) or {}).get(row_key(obj)) if request.method == "POST" else None
        return base is not None and not set(obj.published_through) <= set(base)

    def save_model(self, request, obj, form, change):
        """Without publish permission, publishing fields keep their stored values, whatever the path.

        Read-only fields already guard the change form; this also guards a history
        revert (which would otherwise restore an old "published", or move a
        published campaign back into a draft series) and the revival of a deleted
        item (which comes back as a draft).
        """
        if not self.has_publish_permission(request):
            parents = [obj._meta.get_field(name).attname for name in self.model.published_through]
            stored = type(obj)._default_manager.filter(pk=obj.pk).values(*PUBLISHING_FIELDS, *parents).first()
            for field in PUBLISHING_FIELDS:
                setattr(obj, field, stored[field] if stored else obj._meta.get_field(field).get_default())
            if stored and stored["status"] == Status.PUBLISHED:
                for attname in parents:
                    setattr(obj, attname, stored[attname])
        super().save_model(request, obj, form, change)

    @admin.display(description=_("visibility"))
    def visibility_badge(self, obj):
        return obj.visibility()

    @admin.action(
        description=_("Publish selected %(verbose_name_plural)s"),
        permissions=["publish"],
        location=BOTH_LOCATIONS,
    )
    def publish(self, request, queryset):
        if self.refuse_stale(request, queryset):
            return
        self._report(request, self._set_status(request, queryset, Status.PUBLISHED), _("published"))

    @admin.action(
        description=_("Unpublish selected %(verbose_name_plural)s"),
        permissions=["publish"],
        location=BOTH_LOCATIONS,
    )
    def unpublish(self, request, queryset):
        if self.refuse_stale(request, queryset):
            return
        self._report(request, self._set_status(request, queryset, Status.DRAFT), _("set back to draft"))

    def _set_status(self, request, queryset, status):
        """One set-based UPDATE, all or nothing, for any selection size; each item's history records it.

        Item-by-item saves were killed at gunicorn's timeout halfway through
        18,000 items, leaving some changed and some not.
        """
        model = queryset.model
        with transaction.atomic():
            ids = list(queryset.exclude(status=status).values_list("pk", flat=True))
            for chunk in itertools.batched(ids, 1000):
                model._default_manager.filter(pk__in=chunk).update(status=status, updated_at=timezone.now())
                model.history.bulk_history_create(
                    model._default_manager.filter(pk__in=chunk), update=True, default_user=request.user
                )
            if ids:
                invalidate_all()  # a set-based write sends no signals; up to thousands of items and their neighbours
        return len(ids)

    @admin.action(
        description=_("Create a share link"), permissions=["share"], location=admin.ActionLocation.CHANGE_FORM
    )
    def share(self, request, queryset):
        """A signed link that shows this one item, unpublished, to someone without an account."""
        for item in queryset:
            link = ShareLink.objects.create(subject=item, created_by=request.user)
            url = request.build_absolute_uri(link.get_absolute_url())
            message = format_html(
                _('Share link for “{item}”, valid until {expiry}: <a href="{url}">{url}</a>'),
                item=item,
                expiry=date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT"),
                url=url,
            )
            self.message_user(request, message, messages.SUCCESS)

    def _report(self, request, count, what):
        message = ngettext("%(count)d item %(what)s.", "%(count)d items %(what)s.", count) % {
            "count": count,
            "what": what,
        }
        self.message_user(request, message, messages.SUCCESS)
