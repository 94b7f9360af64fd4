"""The visitor's market for the request (products/markets.py), before the page cache: pages are kept per market."""

from .markets import MARKET_COOKIE, activate, deactivate, market_named


class MarketMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        market = market_named(request.COOKIES.get(MARKET_COOKIE, "")[:40])
        # What the page cache keeps versions of a page by (core/page_cache.py): a known market's slug only, so a
        # made-up cookie cannot fill the cache.
        request.page_variant = market.slug if market else ""
        request.market = market
        token = activate(market)
        try:
            return self.get_response(request)
        finally:
            deactivate(token)
