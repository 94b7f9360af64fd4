"""Admin forms that are not a model's own change form."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.admin_fields import SafeModelMultipleChoiceField

from .models import Colorway, Market, Size
from .models.markets import validate_house_currency


class VariantMatrixForm(forms.Form):
    """Colorways × sizes and their prices: a base price, a price per size if it differs, and a price per size in
    each other market (left empty: the new variants are not sold there)."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.all_sizes = list(Size.objects.order_by("order", "slug"))
        self.other_markets = list(Market.objects.exclude(slug=settings.HOUSE_MARKET))
        for size in self.all_sizes:
            self.fields[f"price_{size.pk}"] = price_field(
                _("Price of size %(size)s") % {"size": size.name}, _("Empty: the base price.")
            )
        for market in self.other_markets:
            for size in self.all_sizes:
                label = _("%(market)s, size %(size)s (%(currency)s)") % {
                    "market": market.name,
                    "size": size.name,
                    "currency": market.currency,
                }
                self.fields[f"market_{market.pk}_{size.pk}"] = price_field(label, _("Empty: not sold there."))

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        validate_house_currency(currency)
        return currency

    def size_prices(self):
        return {size.pk: self.cleaned_data.get(f"price_{size.pk}") for size in self.all_sizes}

    def market_prices(self):
        return {
            (market.pk, size.pk): self.cleaned_data.get(f"market_{market.pk}_{size.pk}")
            for market in self.other_markets
            for size in self.all_sizes
        }

    def generation(self):
        """What products.services.variants_generate takes."""
        data = self.cleaned_data
        return {
            "colorways": data["colorways"],
            "sizes": data["sizes"],
            "price": data["price"],
            "currency": data["currency"],
            "size_prices": self.size_prices(),
            "market_prices": self.market_prices(),
        }


def price_field(label, help_text):
    return forms.DecimalField(
        label=label, required=False, min_value=Decimal(0), max_digits=12, decimal_places=2, help_text=help_text
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
