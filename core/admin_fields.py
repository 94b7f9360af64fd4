"""Admin form fields and widgets that answer odd input with a form error, never a 500.

Django's own catch ValueError and TypeError, but a key beyond 64 bits raises
OverflowError on SQLite and DataError on PostgreSQL, an autocomplete widget
re-rendering a submitted "abc" raises ValueError, and a date-time of year 1
overflows when it is made timezone-aware. These subclasses check at our edge.
"""

import datetime

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.datetime(1970, 1, 1)
LATEST = datetime.datetime(2999, 12, 31, 23, 59, 59)


def is_key(value):
    """True for a value a 64-bit integer primary key can hold: digits (no sign, no spaces inside)."""
    text = str(value).strip()
    return text.isdigit() and int(text) < 2**63


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not is_key(value) and self.to_field_name is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not is_key(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(pk)[:40]}
                )
        return super()._check_values(value)


class SafeAutocompleteSelect(AutocompleteSelect):
    """Re-renders a form with a bad submitted key as an empty choice (the field's error says why)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if is_key(item)], attr)


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if is_key(item)], attr)


class SafeSplitDateTimeField(forms.SplitDateTimeField):
    """A date and a time between 1970 and 2999: publishing dates, never an overflow."""

    def compress(self, data_list):
        if data_list and all(data_list):
            moment = datetime.datetime.combine(*data_list)
            if not EARLIEST <= moment <= LATEST:
                raise ValidationError(
                    _("Pick a moment between %(earliest)s and %(latest)s."),
                    code="out_of_range",
                    params={"earliest": EARLIEST.year, "latest": LATEST.year},
                )
        return super().compress(data_list)


class SafeFormFields:
    """Mix into a ModelAdmin or an inline: its relation and date-time fields are the safe ones above."""

    # BaseModelAdmin merges this over Django's defaults: the admin's split date-time widget stays.
    formfield_overrides = {models.DateTimeField: {"form_class": SafeSplitDateTimeField}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
