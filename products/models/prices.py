"""How prices are written, on pages and in exports: one way, per language ("€3,900", "3 900 €")."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

# The currencies a house sells in and how their prices are written; any other ISO code follows the amount.
CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥", "CNY": "CN¥"}


# Languages that write the currency after the amount ("3 900 €"); the others before it ("€3,900").
CURRENCY_AFTER = ("fr", "de", "it", "es", "pt", "nl")


def price_text(amount, currency, language):
    """One price as visitors read it, the one formatting pages and exports use: "€3,900", "€3,900.50", "3,900 CHF",
    in `language`'s way ("12 500 €" in French)."""
    whole = amount == amount.to_integral_value()
    with override(language):
        number = number_format(amount, 0 if whole else 2, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if (language or "").split("-")[0] in CURRENCY_AFTER:
        return f"{number}\u00a0{symbol or currency}"
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def price_range_text(low, high, language, currency="EUR"):
    """A product's price across its variants: "€3,900", or "€3,500 to €4,500"; "" before any variant."""
    if low is None:
        return ""
    if low == high:
        return price_text(low, currency, language)
    with override(language):
        return str(
            _("%(low)s to %(high)s")
            % {"low": price_text(low, currency, language), "high": price_text(high, currency, language)}
        )
