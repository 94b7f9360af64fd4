"""Markets and what a variant costs in each.

A market (Europe in EUR, the United Kingdom in GBP, the United States in USD, Japan in JPY, China in CNY) is
content: a currency, the languages it is shown in, and whether prices are shown at all. Prices are set per market
by the house, never converted.

The house's own market (settings.HOUSE_MARKET, Europe in the demo) is the one a variant's own price, currency
and stock describe: its price lives on the variant and nowhere else, so the catalogue's kept price columns, the
variant generator and every existing export keep their meaning. Every other market has a `MarketPrice` per
variant it sells: a price, or none for "price on request", and whether it is available, made to order, or not
sold there. A variant without a row for a market is not sold there.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.naming import related_name
from core.translations import TranslatedModel, validate_language

from .product import Variant


def house_currency():
    """The house market's currency, when there is a house market (settings.HOUSE_MARKET)."""
    return Market.objects.filter(slug=settings.HOUSE_MARKET).values_list("currency", flat=True).first()


def validate_house_currency(currency):
    """A variant's own price is the house market's: in its currency. Another currency is another market's price."""
    expected = house_currency()
    if expected and currency != expected:
        raise ValidationError(
            _("The variant's own price is the house market's, in %(currency)s; other currencies are other markets."),
            code="house_currency",
            params={"currency": expected},
        )


def validate_languages(value):
    for code in value.split():
        validate_language(code)


class Market(TranslatedModel):
    name = models.CharField(_("name"), max_length=80, help_text=_("As visitors read it, e.g. “United Kingdom”."))
    slug = models.SlugField(_("slug"), max_length=40, unique=True, help_text=_("e.g. “uk”; kept in a cookie."))
    currency = models.CharField(
        _("currency"),
        max_length=3,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use an ISO 4217 code such as GBP."))],
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[validate_languages],
        help_text=_("The site's languages it is offered in, separated by spaces (e.g. “en fr”); empty: all."),
    )
    shows_prices = models.BooleanField(
        _("shows prices"), default=True, help_text=_("Off: visitors in this market see no price, anywhere.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("market")
        verbose_name_plural = _("markets")

    def __str__(self):
        return f"{self.name} ({self.currency})"

    @property
    def is_house_market(self):
        """Whether this market's prices are the variants' own (settings.HOUSE_MARKET)."""
        return self.slug == settings.HOUSE_MARKET

    def clean(self):
        stored = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first() if self.pk else None
        if stored == settings.HOUSE_MARKET and self.slug != stored:
            raise ValidationError({"slug": _("This is the house market (HOUSE_MARKET): its slug stays.")})

    def is_offered_in(self, language):
        return not self.languages.split() or language in self.languages.split()


class MarketPrice(models.Model):
    """What one variant costs, and whether it is sold, in one market other than the house's."""

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available")
        MADE_TO_ORDER = "made_to_order", _("Made to order")
        NOT_SOLD = "not_sold", _("Not sold here")

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="market_prices")
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="prices", verbose_name=_("market"))
    price = models.DecimalField(
        _("price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the market's currency. Empty: “price on request”."),
    )
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default=Availability.AVAILABLE
    )
    # For conflict checks on bulk price changes (core.conflicts.stale).
    updated_at = models.DateTimeField(auto_now=True)

    # A part of a variant, so of a product (core/cache_tags.py): prices sort and fill the catalogue.
    cache_parents = ("variant",)
    cache_reach = "lists"

    class Meta:
        ordering = ["market__order", "market__slug", "pk"]
        verbose_name = _("price in a market")
        verbose_name_plural = _("prices in markets")
        constraints = [
            models.UniqueConstraint(fields=["variant", "market"], name="one_price_per_variant_and_market"),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0), name="market_price_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["market", "variant"], name="market_price_by_market")]

    def __str__(self):
        return f"{related_name(self, 'variant')} · {related_name(self, 'market')}"

    def clean(self):
        if self.market_id and self.market.is_house_market:
            raise ValidationError(
                {"market": _("The house market's prices are the variants' own: change the variant's price.")}
            )

    @property
    def is_sold(self):
        return self.availability != self.Availability.NOT_SOLD
