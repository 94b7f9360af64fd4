"""The visitor's market, chosen by them and kept in a cookie, never guessed from the address or the IP.

Like the active language, the market of the request being answered is a context variable (`activate`,
`current_market`), set by products.middleware.MarketMiddleware before the page cache looks a page up: pages are
kept per market, and querysets (`Product.objects.for_listing()`), template tags and structured data read it
without every view passing it along.
"""

import contextvars
import dataclasses

from django.conf import settings

from core.cache_tags import shows_lists
from core.page_cache import cached_data

from .models import Market, MarketPrice

MARKET_COOKIE = "market"
# A year: the choice of a visitor who comes back each season.
MARKET_COOKIE_AGE = 365 * 24 * 3600

_current = contextvars.ContextVar("market", default=None)


def markets():
    """Every market in display order, kept like a page (a change to any market reaches it at once)."""

    def load():
        shows_lists(Market)
        return list(Market.objects.all())

    return cached_data("markets", load)


def market_named(slug):
    """The market `slug` names, else the house market, else None (a site with no market at all)."""
    found = {market.slug: market for market in markets()}
    return found.get(slug) or found.get(settings.HOUSE_MARKET)


def activate(market):
    return _current.set(market)


def deactivate(token):
    _current.reset(token)


def current_market():
    """The market of the request being answered (None outside one, or on a site without markets)."""
    return _current.get()


def foreign_market():
    """The current market when its prices are not the variants' own (not the house market), else None."""
    market = current_market()
    if market is None or market.is_house_market:
        return None
    shows_lists(MarketPrice)  # the page shows this market's prices: any price change in a market reaches it
    return market


@dataclasses.dataclass(frozen=True)
class Offer:
    """A variant as the visitor's market sells it: `price` None is "price on request"."""

    variant: object
    price: object
    currency: str
    availability: str
    schema_availability: str


SCHEMA = "https://schema.org/"
STOCK_SCHEMA = {"in_stock": "InStock", "low_stock": "LimitedAvailability", "preorder": "PreOrder"}
MARKET_SCHEMA = {MarketPrice.Availability.AVAILABLE: "InStock", MarketPrice.Availability.MADE_TO_ORDER: "MadeToOrder"}


def offers(variants):
    """The offers of `variants` (one product's) in the visitor's market, in their order: every variant in the house
    market; in another, the variants it sells, priced as it says (one query)."""
    market = foreign_market()
    if market is None:
        return [
            Offer(
                variant,
                variant.price,
                variant.currency,
                variant.get_availability_display(),
                SCHEMA + STOCK_SCHEMA.get(variant.availability, "OutOfStock"),
            )
            for variant in variants
        ]
    prices = MarketPrice.objects.filter(market=market, variant__in=[variant.pk for variant in variants])
    by_variant = {row.variant_id: row for row in prices.exclude(availability=MarketPrice.Availability.NOT_SOLD)}
    return [
        Offer(
            variant,
            row.price,
            market.currency,
            row.get_availability_display(),
            SCHEMA + MARKET_SCHEMA.get(row.availability, "InStock"),
        )
        for variant in variants
        if (row := by_variant.get(variant.pk)) is not None
    ]


def shows_prices():
    market = current_market()
    return market is None or market.shows_prices
