"""The visitor's market for the request (products/markets.py), before the page cache: pages are kept per market."""

from django.utils.cache import patch_vary_headers

from .markets import MARKET_COOKIE, activate, deactivate, market_named


class MarketMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a choice, the house market's pages (current_market() None), at no cost: a cached page is still
        # one query. With one, the markets are read (kept like a page) to take a known market only.
        chosen = request.COOKIES.get(MARKET_COOKIE, "")[:40]
        market = market_named(chosen) if chosen else None
        # What the page cache keeps versions of a page by (core/page_cache.py): a known market's slug only, so a
        # made-up cookie cannot fill the cache; the house market's pages are those of visitors without a choice.
        request.page_variant = "" if market is None or market.is_house_market else market.slug
        request.market = market
        token = activate(market)
        try:
            response = self.get_response(request)
        finally:
            deactivate(token)
        # For caches in front: a visitor's page depends on their market cookie.
        patch_vary_headers(response, ("Cookie",))
        return response
