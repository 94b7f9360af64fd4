"""What every Maison ModelAdmin and inline shares: no silent lost updates, bounded work, no 500 on odd input.

`SafeAdmin` and `SafeInline` carry the conflict snapshot (core/conflicts.py),
lock rows while a save reads and writes them, cap inline rows and item-by-item
bulk actions, and turn input no database can take into messages.
"""

import dataclasses
import functools
import logging
import re

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import DataError, OperationalError, connection, router, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from .admin_fields import SafeFormFields, is_key
from .conflicts import (
    ConflictCheckingForm,
    DeletionConflictFormSet,
    decode_snapshot,
    encode_snapshot,
    loaded_at,
    now_token,
    stale,
    with_snapshot,
)

logger = logging.getLogger(__name__)

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


def for_update(queryset):
    """`queryset` read under row locks until the transaction ends (PostgreSQL; SQLite's IMMEDIATE transaction
    already holds the database's write lock).

    NO KEY UPDATE: a lock that still lets another transaction insert a row pointing here (a campaign featuring
    this product checks its foreign key with KEY SHARE), so the two never wait on each other in a cycle.
    """
    if connection.features.has_select_for_update and connection.in_atomic_block:
        return queryset.select_for_update(of=("self",), no_key=True)
    return queryset


def lock_rows(queryset):
    """Lock the rows of `queryset` now (see `for_update`)."""
    list(for_update(queryset).values_list("pk", flat=True))


DEADLOCK = "40P01"  # PostgreSQL's deadlock_detected
RETRIES = 2


def retried_on_deadlock(view):
    """Run `view` again when PostgreSQL aborted its transaction to break a deadlock, instead of a 500.

    Saves take their locks parent first (`SafeAdmin.lock_parents`), which removes the cycles we know of; the
    page-cache counter every save bumps can still meet one under heavy parallel editing. The whole transaction
    was rolled back, so running the view again is safe.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        for attempt in range(RETRIES + 1):
            try:
                return view(*args, **kwargs)
            except OperationalError as error:
                if getattr(error.__cause__, "sqlstate", None) != DEADLOCK or attempt == RETRIES:
                    raise
                logger.warning("Deadlock on attempt %d of %s; running it again", attempt + 1, view.__name__)
        return None  # not reached

    return wrapper


def label(form, name):
    """A form field's label, as the editor reads it on the page."""
    return str(form.fields[name].label or name)


class SafeInline(SafeFormFields):
    """Mix into every inline: rows are conflict-checked like their parent and their number is bounded."""

    form = ConflictCheckingForm
    max_num = MAX_INLINE_ROWS

    def get_formset(self, request, obj=None, **kwargs):
        # The bound of rows a POST may carry: the inline's own, never less (Django lowers `max_num` to 0 for a user
        # who may not add rows, and a bound of 0 would refuse the rows they may change).
        kwargs.setdefault("absolute_max", MAX_INLINE_ROWS)
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_snapshot(formset.form, request)
        return type(formset.__name__, (DeletionConflictFormSet, formset), {})

    def get_queryset(self, request):
        """On a save, the rows are read under lock, like their parent (SafeAdmin.get_object)."""
        queryset = super().get_queryset(request)
        return for_update(queryset) if request.method == "POST" else queryset


class SafeAdmin(SafeFormFields, admin.ModelAdmin):
    """What every Maison ModelAdmin shares: no silent lost updates on any form, inline row or list row
    (core/conflicts.py), bounded bulk actions, and admin input that gives a message, never a 500."""

    form = ConflictCheckingForm
    change_form_template = "admin/maison/change_form.html"
    change_list_template = "admin/maison/change_list.html"
    bulk_limit = BULK_LIMIT
    # Foreign keys whose rows a save of this model also writes (a variant's save refreshes its product's price
    # range): locked before the row itself, as the parent's own form locks the parent before its inline rows.
    lock_parents = ()

    @method_decorator(retried_on_deadlock)
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        return with_snapshot(super().get_form(request, obj, **kwargs), request)

    def get_object(self, request, object_id, from_field=None):
        """On a save, the row is locked before it is read (PostgreSQL; SQLite's IMMEDIATE transaction already
        holds the write lock): the three-way merge compares against what is stored, and nobody can save between
        that read and our write. The admin runs the change view in a transaction, which holds the lock."""
        if request.method == "POST" and from_field is None and is_key(object_id):
            rows = self.model._default_manager.filter(pk=object_id)
            for parent in self.lock_parents:  # parents first, in the order every save takes them
                field = self.model._meta.get_field(parent)
                lock_rows(field.related_model._default_manager.filter(pk__in=rows.values(field.attname)))
            lock_rows(rows)
        return super().get_object(request, object_id, from_field)

    def item_or_404(self, request, object_id, allowed):
        """The item of a custom admin view: 404 when it does not exist, 403 unless `allowed(request, item)`."""
        item = self.get_object(request, object_id)
        if item is None:
            raise Http404
        if not allowed(request, item):
            raise PermissionDenied
        return item

    def admin_page(self, request, template, title, **context):
        """A custom admin view's page, with what every admin page has (site context, opts, title)."""
        return TemplateResponse(
            request, template, {**self.admin_site.each_context(request), "opts": self.opts, "title": title, **context}
        )

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

    @method_decorator(retried_on_deadlock)
    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "_save" in request.POST:
            edited = [value for key, value in request.POST.items() if EDITED_ROW.fullmatch(key)]
            if not all(is_key(pk) for pk in edited):
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
        kept = [label(form, name) for name in getattr(form, "kept_fields", [])]
        for formset in formsets:
            for row in formset.forms:
                kept += [f"{row.instance}: {label(row, name)}" for name in getattr(row, "kept_fields", [])]
        if kept:
            self.message_user(
                request,
                _("Someone else saved changes meanwhile to fields you did not touch; theirs were kept: %(fields)s.")
                % {"fields": ", ".join(kept)},
                messages.INFO,
            )

    def response_action(self, request, queryset, action_location=admin.ActionLocation.CHANGE_LIST):
        """An action on ids that cannot be ids (a forged `_selected_action`) is a message, not a 500."""
        if not all(is_key(pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
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
