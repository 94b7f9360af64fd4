"""Admin pieces every publishable model shares: actions, columns, fieldsets."""

import dataclasses
import functools
import itertools
import re

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, connection, router, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .admin_fields import SafeFormFields
from .conflicts import (
    ConflictCheckingForm,
    DeletionConflictFormSet,
    decode_snapshot,
    encode_snapshot,
    loaded_at,
    now_token,
    row_key,
    stale,
    with_snapshot,
)
from .models import ShareLink
from .page_cache import bump_content_version
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


BULK_LIMIT = 500
"""The most items a bulk action that works item by item (delete) takes at once: it must finish within the
request (gunicorn kills a worker at 30 s), so a larger selection is refused with a message, never half done.
Deleting 500 synthetic products (with 3,000 variants, their pictures and history) takes about 7 s on SQLite
(bench/bulk_actions.py)."""

MAX_INLINE_ROWS = 300
"""The most rows an inline takes: a forged TOTAL_FORMS of 100,000 builds at most this many forms."""


DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}
INTEGER = re.compile(r"-?\d+")


def clean_search_term(term):
    """A search term as the database can take it: PostgreSQL refuses NUL characters in text."""
    return term.replace("\x00", "")


def check_lookup_params(params):
    """Raise IncorrectLookupParameters for a changelist parameter that would overflow a query.

    A year beyond 9999 (the date hierarchy's `debut_date__year=99999999999`) or a
    number beyond 64 bits (`brand=99999999999999999999`) made Python or the
    database overflow: a 500 instead of Django's "invalid filter" page.
    """
    for key, values in params.lists():
        part = key.rsplit("__", 1)[-1]
        for value in values:
            if "\x00" in key or "\x00" in value:  # PostgreSQL refuses NUL in text
                raise IncorrectLookupParameters("NUL character in a filter")
            if not INTEGER.fullmatch(value.strip()):
                continue
            number = int(value)
            low, high = DATE_PARTS.get(part, (-(2**63), 2**63 - 1))
            if not low <= number <= high:
                raise IncorrectLookupParameters(f"{key}={value[:30]} is out of range")


EDITED_ROW = re.compile(r"form-\d+-id")


def lock_rows(queryset):
    """Lock the rows of `queryset` until the transaction ends (no-op where the database has no row locks)."""
    if connection.features.has_select_for_update and connection.in_atomic_block:
        list(queryset.select_for_update(of=("self",)).values_list("pk", flat=True))


class SafeInline(SafeFormFields):
    """Mix into every inline: rows are conflict-checked like their parent and their number is bounded."""

    form = ConflictCheckingForm
    max_num = MAX_INLINE_ROWS

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_snapshot(formset.form, request)
        return type(formset.__name__, (DeletionConflictFormSet, formset), {})

    def get_queryset(self, request):
        """On a save, the rows are read under lock, like their parent (SafeAdmin.get_object)."""
        queryset = super().get_queryset(request)
        if request.method == "POST" and connection.features.has_select_for_update and connection.in_atomic_block:
            queryset = queryset.select_for_update(of=("self",))
        return queryset


class SafeAdmin(SafeFormFields, admin.ModelAdmin):
    """What every Maison ModelAdmin shares: no silent lost updates on any form, inline row or list row
    (fashion/conflicts.py), bounded bulk actions, and admin input that gives a message, never a 500."""

    form = ConflictCheckingForm
    change_form_template = "admin/maison/change_form.html"
    change_list_template = "admin/maison/change_list.html"
    bulk_limit = BULK_LIMIT

    def get_form(self, request, obj=None, **kwargs):
        return with_snapshot(super().get_form(request, obj, **kwargs), request)

    def get_object(self, request, object_id, from_field=None):
        """On a save, the row is locked before it is read (PostgreSQL; SQLite's IMMEDIATE transaction already
        holds the write lock): the three-way merge compares against what is stored, and nobody can save between
        that read and our write. The admin runs the change view in a transaction, which holds the lock."""
        if request.method == "POST" and from_field is None and is_id(object_id):
            lock_rows(self.model._default_manager.filter(pk=object_id))
        return super().get_object(request, object_id, from_field)

    def get_search_results(self, request, queryset, search_term):
        """Search (the changelist's and autocomplete's) without NUL characters, which PostgreSQL refuses."""
        return super().get_search_results(request, queryset, clean_search_term(search_term))

    def get_changelist_instance(self, request):
        """A changelist, or IncorrectLookupParameters (Django's "?e=1" page) for filters no database takes."""
        check_lookup_params(request.GET)
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, DataError) as error:
            raise IncorrectLookupParameters(str(error)) from error

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ConflictCheckingForm)
        return with_snapshot(super().get_changelist_form(request, **kwargs), request)

    def get_changelist_formset(self, request, **kwargs):
        rows = max(self.list_per_page, self.list_max_show_all)
        return super().get_changelist_formset(request, **{"max_num": rows, "absolute_max": rows, **kwargs})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        forms_on_page = [context["adminform"].form] + [
            form for inline in context.get("inline_admin_formsets", []) for form in inline.formset.forms
        ]
        context["snapshot"] = encode_snapshot(forms_on_page, self._posted_snapshot(request))
        context["loaded_at"] = now_token()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "_save" in request.POST:
            edited = [value for key, value in request.POST.items() if EDITED_ROW.fullmatch(key)]
            if not all(is_id(pk) for pk in edited):
                self.message_user(request, _("Those rows could not be found. Reload the list."), messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            # The editable rows are read, merged and saved in one transaction that holds their locks.
            with transaction.atomic(using=router.db_for_write(self.model)):
                lock_rows(self.model._default_manager.filter(pk__in=edited))
                return self._changelist_with_snapshot(request, extra_context)
        return self._changelist_with_snapshot(request, extra_context)

    def _changelist_with_snapshot(self, request, extra_context):
        response = super().changelist_view(request, {"loaded_at": now_token(), **(extra_context or {})})
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and changelist.formset is not None:
            posted = self._posted_snapshot(request)
            response.context_data["snapshot"] = encode_snapshot(changelist.formset.forms, posted)
        return response

    @staticmethod
    def _posted_snapshot(request):
        return decode_snapshot(request) if request.method == "POST" else None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        kept = [*getattr(form, "kept_fields", [])]
        for formset in formsets:
            for row in formset.forms:
                kept += [f"{row.instance}: {name}" for name in getattr(row, "kept_fields", [])]
        if kept:
            self.message_user(
                request,
                _("Someone else saved changes meanwhile to fields you did not touch; theirs were kept: %(fields)s.")
                % {"fields": ", ".join(kept)},
                messages.INFO,
            )

    def response_action(self, request, queryset, action_location=admin.ActionLocation.CHANGE_LIST):
        """An action on ids that cannot be ids (a forged `_selected_action`) is a message, not a 500."""
        if not all(is_id(pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            self.message_user(request, _("Those items could not be found. Reload the list."), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, action_location)

    def refuse_large(self, request, queryset):
        """For item-by-item bulk actions: True (and a message) when the selection is too large to finish."""
        count = queryset.count()
        if count > self.bulk_limit:
            self.message_user(
                request,
                _(
                    "Nothing was changed: %(count)d items are selected, and this action takes at most %(limit)d "
                    "at once. Narrow the list with a filter or a search, then try again."
                )
                % {"count": count, "limit": self.bulk_limit},
                messages.ERROR,
            )
            return True
        return False

    def delete_queryset(self, request, queryset):
        """All or nothing: one transaction for the whole selection."""
        with transaction.atomic():
            super().delete_queryset(request, queryset)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if "delete_selected" in actions:
            delete = actions["delete_selected"]
            actions["delete_selected"] = dataclasses.replace(delete, func=self._bounded(delete.func))
        return actions

    def _bounded(self, action):
        @functools.wraps(action)
        def bounded(modeladmin, request, queryset):
            if modeladmin.refuse_large(request, queryset):
                return None
            return action(modeladmin, request, queryset)

        return bounded

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


FULL_CHANGES = 10_000  # characters of a changed value the history shows: in practice, all of it


class HistoryAdmin(SafeAdmin, SimpleHistoryAdmin):
    """A SafeAdmin with history (django-simple-history): who changed what, a compare view, and a revert
    that is a write like any other: it needs the change permission (the add permission to bring back a
    deleted item) and the publishing rules of the user's role."""

    def get_urls(self):
        compare = self.admin_site.admin_view(self.history_compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_history_compare"
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (is_id(object_id) and is_id(version_id)):
            raise Http404
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        # A revert is a save like any other: in one transaction, the row locked, with the writer's rights.
        with transaction.atomic(using=router.db_for_write(self.model)):
            current = self.get_object(request, object_id)
            allowed = (
                self.has_add_permission(request) if current is None else self.has_change_permission(request, current)
            )
            if not allowed:
                raise PermissionDenied
            return super().history_form_view(request, object_id, version_id, extra_context)

    # (title, model, foreign key to this admin's model): child rows whose changes the item's history shows too,
    # e.g. a product's variants and pictures, edited on its page.
    history_related = ()
    related_history_limit = 100

    def history_view(self, request, object_id, extra_context=None):
        if not is_id(object_id):
            raise Http404
        context = {
            "compare_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history_compare", args=[object_id]
            ),
            "related_history": [
                {"title": title, "records": self.related_records(request, model, fk, object_id)}
                for title, model, fk in self.history_related
            ],
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def related_records(self, request, model, fk, object_id):
        """The latest changes to `model` rows of this item, newest first, each with its field-by-field changes."""
        records = list(
            model.history.filter(**{f"{fk}_id": object_id})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[: self.related_history_limit]
        )
        for record in records:
            previous = record.prev_record
            delta = record.diff_against(previous, foreign_keys_are_objs=True) if previous else None
            helper = HistoricalRecordContextHelper(model, record, max_displayed_delta_change_chars=FULL_CHANGES)
            record.history_delta_changes = helper.context_for_delta_changes(delta) if delta else []
        return records

    def get_historical_record_context_helper(self, request, historical_record):
        """Changes shown whole: a description cut to 100 characters hid what changed."""
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=FULL_CHANGES
        )

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, obj)

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
        except (ValueError, OverflowError, ValidationError, item.history.model.DoesNotExist) as error:
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


def is_id(value):
    """True for a primary key our tables can hold: digits, within a signed 64-bit integer."""
    return str(value).isdigit() and int(value) < 2**63


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
        return self.has_change_permission(request) and request.user.has_perm("fashion.add_sharelink")

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

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
                bump_content_version()
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
