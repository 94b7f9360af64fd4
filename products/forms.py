"""Admin forms that are not a model's own change form."""

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.admin_fields import SafeModelMultipleChoiceField

from .models import Colorway, Size


class VariantMatrixForm(forms.Form):
    colorways = SafeModelMultipleChoiceField(
        queryset=Colorway.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Colorways")
    )
    sizes = SafeModelMultipleChoiceField(
        queryset=Size.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Sizes")
    )
    price = forms.DecimalField(
        label=_("Base price"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        help_text=_("For every new variant."),
    )
    currency = forms.CharField(
        label=_("Currency"), initial="EUR", max_length=3, validators=[RegexValidator(r"^[A-Z]{3}$", _("e.g. EUR"))]
    )


class PriceChangeForm(forms.Form):
    """The bulk price change: a percentage applied to the selected prices in markets."""

    percent = forms.DecimalField(
        label=_("Change by (%)"),
        min_value=Decimal(-90),
        max_value=Decimal(500),
        max_digits=5,
        decimal_places=2,
        help_text=_("e.g. 5 for +5 %, -10 for −10 %. Prices on request stay on request."),
    )
