"""Admins with history (django-simple-history): whole changes, related rows' changes, compare, guarded revert."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .admin_fields import is_key
from .admin_safety import SafeAdmin, retried_on_deadlock
from .admin_translations import translates_only

FULL_CHANGES = 10_000  # characters of a changed value the history shows: in practice, all of it


def changes_by_name(record, previous):
    """`record.diff_against(previous)`, naming related rows (a colorway, not its id) only for the fields that
    changed: simple-history fetches every related row of both versions otherwise, two queries per version."""
    changed = [change.field for change in record.diff_against(previous).changes]
    return record.diff_against(previous, included_fields=changed, foreign_keys_are_objs=True) if changed else None


class HistoryAdmin(SafeAdmin, SimpleHistoryAdmin):
    """A SafeAdmin with history (django-simple-history): who changed what, a compare view, and a revert
    that is a write like any other: it needs the change permission (the add permission to bring back a
    deleted item) and the publishing rules of the user's role."""

    def get_urls(self):
        compare = self.admin_site.admin_view(self.history_compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_history_compare"
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    @method_decorator(retried_on_deadlock)
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (is_key(object_id) and is_key(version_id)):
            raise Http404
        if translates_only(request.user):
            # A revert writes every field of the old version: a Translator may change translations only.
            raise PermissionDenied
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
        if not is_key(object_id):
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
        # Each record's previous version is the next older record of the same row in this list; only the oldest
        # record of each row asks the database for its previous one (not one query per record).
        pk_name = model._meta.pk.attname
        older = {}
        for record in reversed(records):
            record.previous_in_list = older.get(getattr(record, pk_name))
            older[getattr(record, pk_name)] = record
        # Each row named once, from the live rows with their related names in one query (a deleted row by its
        # last version): a variant's name reaches its product, colorway and size.
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        live = model._default_manager.select_related(*relations).in_bulk(list(older))
        for record in records:
            row = live.get(getattr(record, pk_name))
            record.row_label = str(row) if row is not None else str(record.history_object)
            previous = record.previous_in_list or record.prev_record
            delta = changes_by_name(record, previous) if previous else None
            helper = HistoricalRecordContextHelper(model, record, max_displayed_delta_change_chars=FULL_CHANGES)
            record.history_delta_changes = helper.context_for_delta_changes(delta) if delta else []
        return records

    def get_historical_record_context_helper(self, request, historical_record):
        """Changes shown whole: a description cut to 100 characters hid what changed."""
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=FULL_CHANGES
        )

    def revert_disabled(self, request, obj=None):
        return (
            super().revert_disabled(request, obj)
            or not self.has_change_permission(request, obj)
            or translates_only(request.user)
        )

    def history_compare_view(self, request, object_id):
        """Two versions of an item side by side: ?from=<history id>&to=<history id> (default: the last two)."""
        item = self.item_or_404(request, object_id, self.has_view_or_change_permission)
        versions = item.history.all()
        try:
            newer = versions.get(history_id=request.GET["to"]) if "to" in request.GET else versions.first()
            # An item written in bulk (generated variants, synthetic products) may have no version at all.
            older = versions.get(history_id=request.GET["from"]) if "from" in request.GET else None
            older = older or (newer.prev_record if newer else None)
        except (ValueError, OverflowError, ValidationError, item.history.model.DoesNotExist) as error:
            raise Http404 from error
        delta = newer.diff_against(older) if newer and older else None
        helper = self.get_historical_record_context_helper(request, newer) if delta else None
        return self.admin_page(
            request,
            "admin/maison/history_compare.html",
            _("Compare versions of %(item)s") % {"item": item},
            object=item,
            older=older,
            newer=newer,
            changes=helper.context_for_delta_changes(delta) if helper else [],
            versions=versions.select_related("history_user")[:50],
        )
