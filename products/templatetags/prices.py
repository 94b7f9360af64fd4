"""`{{ amount|price:currency }}`, `{% price_range low high %}` and `{% card_price product %}`: prices written as
everywhere else (products.models.prices.price_text), in the visitor's market (products/markets.py)."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from products.markets import current_market, foreign_market
from products.models.prices import price_range_text, price_text

register = template.Library()


@register.filter
def price(amount, currency):
    return price_text(amount, currency, get_language()) if amount is not None else ""


@register.simple_tag
def price_range(low, high, currency="EUR"):
    return price_range_text(low, high, get_language(), currency)


@register.simple_tag
def card_price(product):
    """A card's price in the visitor's market: its range, "Price on request", or "" where prices are not shown
    (a market that shows none, a product without variants). The card's list came through for_listing(), which
    gives a market other than the house's its `market_min` and `market_max`."""
    market = current_market()
    if market is not None and not market.shows_prices:
        return ""
    if foreign_market() is not None:
        if product.market_min is None:
            return _("Price on request")
        return price_range_text(product.market_min, product.market_max, get_language(), market.currency)
    currency = market.currency if market is not None else "EUR"
    return price_range_text(product.min_price, product.max_price, get_language(), currency)


@register.simple_tag(takes_context=True)
def market_menu(context):
    """The markets a visitor may choose on this page (those offered in its language), the current one marked,
    and where to come back to: for the market form of base.html."""
    from products.markets import markets

    request = context.get("request")
    language = get_language()
    current = current_market()
    return {
        "markets": [market for market in markets() if market.is_offered_in(language) or market == current],
        "current": current,
        "next": request.get_full_path() if request else "/",
    }
