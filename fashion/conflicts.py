"""No silent lost updates in the admin.

Every change form and changelist the admin renders carries the moment it was
rendered (`_loaded_at`). When it comes back, any item saved by someone else
since that moment is a conflict: the change form and list_editable refuse to
save it and show, from the item's history, what changed meanwhile and who
changed it, with the editor's own input still in the form; bulk actions
refuse to touch it. The re-rendered page carries a new `_loaded_at`, so
saving again, after reading, keeps the editor's version on purpose.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

LOADED_AT = "_loaded_at"


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


def changes_since(item, since):
    """Human lines for what was saved to `item` after `since`, newest first, from its history."""
    lines = []
    history = getattr(item, "history", None)
    if history is None:
        return lines
    for record in history.filter(history_date__gt=since).select_related("history_user"):
        who = record.history_user.get_username() if record.history_user else _("someone")
        when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        previous = record.prev_record
        fields = record.diff_against(previous).changes if previous else []
        described = "; ".join(f"{change.field}: “{change.old}” → “{change.new}”" for change in fields)
        lines.append(_("%(who)s at %(when)s: %(what)s") % {"who": who, "when": when, "what": described or "—"})
    return lines


def stale(queryset, since):
    """The items of `queryset` saved after `since`."""
    return queryset.filter(updated_at__gt=since) if since else queryset.none()


class ConflictCheckingForm(forms.ModelForm):
    """A ModelForm that refuses to overwrite a save it has not seen. `loaded_at` is set per request."""

    loaded_at = None

    def clean(self):
        cleaned = super().clean()
        item = self.instance
        if item.pk and self.loaded_at:
            current = type(item)._default_manager.filter(pk=item.pk).values_list("updated_at", flat=True).first()
            if current and current > self.loaded_at:
                changes = changes_since(item, self.loaded_at)
                raise ValidationError(
                    _(
                        "Someone saved “%(item)s” after you opened this page: %(changes)s. "
                        "Your changes are still in the form: check them, then save again to keep yours."
                    )
                    % {"item": item, "changes": " | ".join(changes) or _("details unavailable")},
                    code="conflict",
                )
        return cleaned


def with_loaded_at(form_class, request):
    """`form_class` bound to the `_loaded_at` of this request's submission."""
    return type(form_class.__name__, (form_class,), {"loaded_at": loaded_at(request)})
