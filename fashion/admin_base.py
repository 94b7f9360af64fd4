"""Admin pieces every publishable model shares: actions, columns, fieldsets."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .conflicts import ConflictCheckingForm, loaded_at, now_token, stale, with_loaded_at
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


class PublishableAdmin(SimpleHistoryAdmin):
    """Publish and unpublish in bulk or from the change form; visibility at a glance.

    Publishing is its own permission (`publish_<model>`): without it an editor
    sees status and dates read-only, has no publish actions, and what they
    create starts as a draft. Every change, publishing included, lands in the
    item's history (django-simple-history), with a field-by-field diff and a
    revert that saves a new version.
    """

    actions = ["publish", "unpublish", "share"]
    save_on_top = True
    form = ConflictCheckingForm
    change_form_template = "admin/maison/change_form.html"
    change_list_template = "admin/maison/change_list.html"

    # --- No silent lost updates (fashion/conflicts.py) ---
    def get_form(self, request, obj=None, **kwargs):
        return with_loaded_at(super().get_form(request, obj, **kwargs), request)

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ConflictCheckingForm)
        return with_loaded_at(super().get_changelist_form(request, **kwargs), request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(
            request, object_id, form_url, {"loaded_at": now_token(), **(extra_context or {})}
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"loaded_at": now_token(), **(extra_context or {})})

    def get_urls(self):
        compare = self.admin_site.admin_view(self.history_compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_history_compare"
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    def history_compare_view(self, request, object_id):
        """Two versions of an item side by side: ?from=<history id>&to=<history id> (default: the last two)."""
        item = self.get_object(request, object_id)
        if item is None:
            raise Http404
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        versions = item.history.all()
        try:
            newer = versions.get(history_id=request.GET["to"]) if "to" in request.GET else versions.first()
            older = versions.get(history_id=request.GET["from"]) if "from" in request.GET else newer.prev_record
        except (ValueError, ValidationError, item.history.model.DoesNotExist) as error:
            raise Http404 from error
        changes = newer.diff_against(older).changes if newer and older else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": item,
            "older": older,
            "newer": newer,
            "changes": changes,
            "versions": versions.select_related("history_user")[:50],
            "title": _("Compare versions of %(item)s") % {"item": item},
        }
        return TemplateResponse(request, "admin/maison/history_compare.html", context)

    def refuse_stale(self, request, queryset):
        """For bulk actions: True (and a message) when a selected item changed after the page was shown."""
        changed = list(stale(queryset, loaded_at(request))[:10])
        if changed:
            names = ", ".join(str(item) for item in changed)
            self.message_user(
                request,
                _("Nothing was changed: %(items)s changed after you opened this page. Check, then try again.")
                % {"items": names},
                messages.ERROR,
            )
        return bool(changed)

    def has_share_permission(self, request):
        return self.has_change_permission(request) and request.user.has_perm("fashion.add_sharelink")

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += PUBLISHING_FIELDS
        return fields

    def save_model(self, request, obj, form, change):
        """Without publish permission, publishing fields keep their stored values, whatever the path.

        Read-only fields already guard the change form; this also guards a
        history revert, which would otherwise restore an old "published".
        """
        if not self.has_publish_permission(request):
            current = (
                type(obj)._default_manager.filter(pk=obj.pk).values(*PUBLISHING_FIELDS).first() if change else None
            )
            for field in PUBLISHING_FIELDS:
                setattr(obj, field, current[field] if current else obj._meta.get_field(field).get_default())
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
        self._report(request, self._set_status(queryset, Status.PUBLISHED), _("published"))

    @admin.action(
        description=_("Unpublish selected %(verbose_name_plural)s"),
        permissions=["publish"],
        location=BOTH_LOCATIONS,
    )
    def unpublish(self, request, queryset):
        if self.refuse_stale(request, queryset):
            return
        self._report(request, self._set_status(queryset, Status.DRAFT), _("set back to draft"))

    @staticmethod
    def _set_status(queryset, status):
        """Save one by one, so each change is in the item's history with who made it."""
        changed = 0
        for item in queryset.exclude(status=status):
            item.status = status
            item.save(update_fields=["status", "updated_at"])
            changed += 1
        return changed

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
