"""No silent lost updates in the admin: a three-way merge per field, for every form and every inline row.

When the admin renders a change form, an inline or an editable changelist, it
records what each row held at that moment (its *base*) in one signed hidden
input, `_snapshot`. When the page comes back, each form compares, field by
field, three values: the base, what the database holds now (*theirs*) and what
was submitted (*yours*):

- a field you did not touch (yours == base) is not written, so whatever another
  editor saved meanwhile stays, even when your page still showed the old value;
- a field only you changed is written;
- a field you both changed to different values is a conflict: the save is
  refused, the error names the field, their value, yours and who saved theirs,
  and your input stays in the form. The re-rendered page carries their value as
  the new base for that field only, so saving again, after reading, keeps yours
  there and still keeps every other change of theirs.

A form posted without a snapshot (a script, an old page) writes every field, as
Django does. Bulk actions, which have no per-field input, refuse items saved
after the page was rendered (`_loaded_at`, `stale()`).
"""

import datetime
import decimal

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import InlineForeignKeyField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

LOADED_AT = "_loaded_at"
SNAPSHOT = "_snapshot"
SNAPSHOT_SALT = "maison.conflicts.snapshot"


def now_token():
    return timezone.now().isoformat()


def loaded_at(request):
    """When the page being submitted was rendered, or None if it does not say."""
    value = request.POST.get(LOADED_AT, "")
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def stale(queryset, since):
    """The items of `queryset` saved after `since` (for bulk actions on models with `updated_at`)."""
    if not since or not any(field.name == "updated_at" for field in queryset.model._meta.fields):
        return queryset.none()
    return queryset.filter(updated_at__gt=since)


# --- Comparable values -------------------------------------------------------


def comparable(value):
    """One string per value, equal when an editor would call the values equal.

    Model instances compare by primary key, lists of them as a set, files by
    stored name, decimals without trailing zeros, times to the second (the admin's
    widgets drop microseconds), text without the CR a browser adds to each line nor the spaces around
    it (a form strips them).
    """
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return ",".join(sorted(comparable(item) for item in value))
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return str(value)


def row_key(instance):
    return f"{instance._meta.label_lower}:{instance.pk}"


def compared_fields(form):
    """The editable model fields of `form`, by name (not the inline's hidden parent link)."""
    opts = form._meta.model._meta
    names = []
    for name, field in form.fields.items():
        if isinstance(field, InlineForeignKeyField) or field.disabled:
            continue
        try:
            model_field = opts.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            continue
        if (model_field.concrete or model_field.many_to_many) and not model_field.primary_key:
            names.append(name)
    return names


def field_value(model_field, value):
    """`value` of `model_field`, comparable; a cleared file (False in a form) is no file."""
    if isinstance(model_field, models.FileField) and not value:
        return ""
    return comparable(value)


def stored_values(instance, names):
    """What `instance` holds for the fields `names`, comparable."""
    opts = instance._meta
    return {name: field_value(opts.get_field(name), opts.get_field(name).value_from_object(instance)) for name in names}


def stored_value(instance, name):
    """The value of field `name` on `instance`, as a form's cleaned_data holds it."""
    field = instance._meta.get_field(name)
    return list(getattr(instance, name).all()) if field.many_to_many else getattr(instance, name)


def row_snapshot(form):
    """The base of one bound-or-unbound form whose instance exists, else None."""
    if form.instance.pk is None or form.instance._state.adding:
        return None
    return stored_values(form.instance, compared_fields(form))


# --- The token ---------------------------------------------------------------


def decode_snapshot(request):
    """The snapshot posted with this request: {row key: {field: value}}, or None."""
    token = request.POST.get(SNAPSHOT, "")
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def encode_snapshot(forms_on_page, posted=None):
    """The token for a page showing `forms_on_page`.

    A fresh page records each row as stored. A page shown again after an error
    keeps the bases it was posted with (your stale values must still read as
    untouched), moved forward only where a conflict was shown to you.
    """
    data = dict(posted or {})
    for form in forms_on_page:
        if form.instance.pk is None:
            continue
        key = row_key(form.instance)
        update = getattr(form, "snapshot_update", None)
        if key not in data and not form.is_bound:
            base = row_snapshot(form)
            if base is not None:
                data[key] = base
        if update and key in data:
            data[key] = {**data[key], **update}
    return signing.dumps(data, salt=SNAPSHOT_SALT, compress=True)


# --- The form ----------------------------------------------------------------


def last_editor(instance):
    """Who saved `instance` last and when, from its history, or None."""
    history = getattr(instance, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    if record is None:
        return None
    who = record.history_user.get_username() if record.history_user else _("someone")
    return _("%(who)s at %(when)s") % {
        "who": who,
        "when": f"{date_format(timezone.localtime(record.history_date), 'DATETIME_FORMAT')} "
        f"{date_format(timezone.localtime(record.history_date), 'T')}",
    }


class ConflictCheckingForm(forms.ModelForm):
    """A ModelForm that writes only the fields its editor changed, and refuses to overwrite a field
    someone else changed since the page was rendered. `snapshot` is set per request (`with_snapshot`)."""

    snapshot = None

    def base(self):
        if self.snapshot is None or self.instance.pk is None:
            return None
        return self.snapshot.get(row_key(self.instance))

    def clean(self):
        cleaned = super().clean()
        base = self.base()
        if base is None:
            return cleaned
        names = [name for name in compared_fields(self) if name in base]
        self.current_values = current = stored_values(self.instance, names)
        self.changed_meanwhile = any(current[name] != base[name] for name in names)
        conflicts, untouched, kept = [], [], []
        for name in names:
            if name not in cleaned:  # invalid: the field's own error is shown
                continue
            yours = field_value(self._meta.model._meta.get_field(name), cleaned[name])
            if yours == base[name]:
                untouched.append(name)
                if current[name] != base[name]:
                    kept.append(name)
            elif current[name] not in (base[name], yours):
                conflicts.append(name)
        # Untouched fields take what is stored now (the instance was read for this request), not the page's
        # stale copy; they stay in cleaned_data so the formset's uniqueness checks still see every row.
        for name in untouched:
            cleaned[name] = stored_value(self.instance, name)
        self.touched_fields = [name for name in names if name not in untouched]
        self.kept_fields = kept
        if conflicts:
            self.snapshot_update = {name: current[name] for name in conflicts}
            for name in conflicts:  # marked at the field too, where the editor looks
                self.add_error(
                    name,
                    ValidationError(
                        _("Changed meanwhile to “%(theirs)s”. Save again to replace it with what you wrote."),
                        code="conflict",
                        params={"theirs": self.display(name, self.instance)},
                    ),
                )
            raise ValidationError(self.conflict_message(conflicts), code="conflict")
        return cleaned

    def conflict_message(self, conflicts):
        opts = self._meta.model._meta
        fields = "; ".join(
            _("%(field)s is now “%(theirs)s”, you wrote “%(yours)s”")
            % {
                "field": self.fields[name].label or opts.get_field(name).verbose_name,
                "theirs": self.display(name, self.instance),
                "yours": self.display(name, None),
            }
            for name in conflicts
        )
        return _(
            "Someone else saved “%(item)s” after you opened this page (%(who)s): %(fields)s. "
            "Nothing was saved. Your input is still in the form and every other change of theirs will be kept: "
            "check the marked fields, then save again to put yours in their place, or copy theirs in first."
        ) % {"item": self.instance, "who": last_editor(self.instance) or _("details unavailable"), "fields": fields}

    def display(self, name, instance):
        """A field's value as an editor reads it: stored (`instance`) or submitted."""
        if instance is None:
            value = self.cleaned_data.get(name)
        else:
            field = instance._meta.get_field(name)
            value = getattr(instance, name) if not field.many_to_many else list(getattr(instance, name).all())
        if isinstance(value, models.QuerySet | list | tuple):
            return ", ".join(str(item) for item in value)
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            value = dict(field.choices).get(value, value)
        return str(value) if value not in (None, "") else "—"

    @property
    def changed_data(self):
        """With a snapshot, what this editor changed (history and change messages say so), not what differs
        from the row as stored now."""
        touched = getattr(self, "touched_fields", None)
        return super().changed_data if touched is None else list(touched)


class DeletionConflictFormSet:
    """Mix into an inline formset: a row ticked for deletion that someone else changed after the page was
    rendered is not deleted (their change would go unseen); the editor sees it first, then may delete it.
    A row someone else deleted meanwhile is said so, instead of Django's error on a hidden field."""

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        gone = [form for form in self.initial_forms if pk_name in form.errors]
        if gone:
            raise ValidationError(
                _(
                    "%(count)d row(s) of “%(rows)s” were deleted by someone else after you opened this page, so "
                    "changes to them cannot be saved. Copy anything you need, then reload the page."
                )
                % {"count": len(gone), "rows": self.model._meta.verbose_name_plural},
                code="row_deleted",
            )
        changed = [
            form
            for form in self.forms
            if self.can_delete and self._should_delete_form(form) and getattr(form, "changed_meanwhile", False)
        ]
        if changed:
            for form in changed:
                form.snapshot_update = dict(form.current_values)
            raise ValidationError(
                _(
                    "Not deleted: someone else changed %(rows)s after you opened this page. "
                    "Check the change below; save again to delete anyway."
                )
                % {"rows": ", ".join(f"“{form.instance}”" for form in changed)},
                code="deleted_after_change",
            )


def with_snapshot(form_class, request):
    """`form_class` bound to the snapshot posted with this request."""
    return type(form_class.__name__, (form_class,), {"snapshot": decode_snapshot(request)})
