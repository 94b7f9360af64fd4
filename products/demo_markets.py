"""The demo's markets and each variant's price in them (products/models/markets.py)."""

from decimal import Decimal

from .models import Market, MarketPrice

# (slug, name in English, in French, currency, languages, shows prices). Europe is the house market
# (settings.HOUSE_MARKET): its prices are the variants' own. The others' prices are the house's own choice, set by
# hand per market (here: a rate, rounded as a house would), never converted on the fly.
MARKETS = [
    ("europe", "Europe", "Europe", "EUR", "en fr", True),
    ("uk", "United Kingdom", "Royaume-Uni", "GBP", "en", True),
    ("us", "United States", "États-Unis", "USD", "en", True),
    ("japan", "Japan", "Japon", "JPY", "en", True),
    ("china", "China", "Chine", "CNY", "en", False),
]
# Price per euro of the house price, and the step it is rounded to; None: price on request.
MARKET_PRICING = {"uk": (Decimal("0.86"), 50), "us": (Decimal("1.08"), 50), "japan": (Decimal("160"), 10000)}


def load_markets(products):
    """The demo's markets, and a price in each for every variant of `products` ({product: {market slug:
    availability there, or None for not sold there}}; any other market sells it as available)."""
    from .demo import upsert  # demo.py loads the markets with its catalogue

    markets = {
        slug: upsert(
            Market,
            {"slug": slug},
            name_en=name,
            name_fr=name_fr,
            currency=currency,
            languages=languages,
            shows_prices=shows_prices,
            order=order,
        )
        for order, (slug, name, name_fr, currency, languages, shows_prices) in enumerate(MARKETS)
    }
    for product, exceptions in products.items():
        for variant in product.variants.all():
            for slug, market in markets.items():
                if market.is_house_market:
                    continue
                availability = exceptions.get(slug, MarketPrice.Availability.AVAILABLE)
                if availability is None:
                    MarketPrice.objects.filter(variant=variant, market=market).delete()
                    continue
                rate, step = MARKET_PRICING.get(slug, (None, None))
                price = (variant.price * rate / step).quantize(Decimal(1)) * step if rate else None
                upsert(MarketPrice, {"variant": variant, "market": market}, price=price, availability=availability)
