"""Multi-step writes on the catalogue."""

import itertools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache_tags import invalidate, item_tag, list_tag, search_tag

from .models import MarketPrice, Product, Variant, refresh_price_ranges, refresh_search_terms


def sku_for(product, colorway, size):
    """A readable SKU: BELAIR-BLA-M. Callers make it unique."""
    return "-".join(
        part.upper().replace("-", "")[:length]
        for part, length in ((product.slug, 16), (colorway.slug, 3), (size.slug, 3))
    )


@transaction.atomic
def variants_generate(*, product, colorways, sizes, price, currency="EUR", size_prices=None, market_prices=None):
    """Create the missing colorway × size variants of `product`; existing ones are kept as they are.

    `price` is every new variant's house price unless `size_prices` ({size pk: price}) names its size's;
    `market_prices` ({(market pk, size pk): price}) gives each new variant its price in other markets (a market
    without one for its size does not sell it). Returns the new variants.
    """
    size_prices, market_prices = size_prices or {}, market_prices or {}
    # Two generations of one product at once (a double click) would both find a SKU free: the second waits.
    list(Product.objects.filter(pk=product.pk).select_for_update(no_key=True).values_list("pk"))
    existing = set(product.variants.values_list("colorway_id", "size_id"))
    wanted = [(c, s) for c, s in itertools.product(colorways, sizes) if (c.pk, s.pk) not in existing]
    skus = {sku_for(product, c, s) for c, s in wanted}
    taken = set(Variant.objects.filter(sku__in=skus).values_list("sku", flat=True))
    created = []
    for colorway, size in wanted:
        sku = base = sku_for(product, colorway, size)
        suffix = 2
        while sku in taken:
            sku, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(sku)
        house_price = size_prices.get(size.pk) or price
        created.append(
            Variant(product=product, colorway=colorway, size=size, sku=sku, price=house_price, currency=currency)
        )
    variants = Variant.objects.bulk_create(created)
    MarketPrice.objects.bulk_create(
        MarketPrice(variant=variant, market_id=market_id, price=amount)
        for variant in variants
        for (market_id, size_id), amount in market_prices.items()
        if size_id == variant.size_id and amount is not None
    )
    # bulk_create sends no signals: do what the variant signals would have done.
    refresh_price_ranges([product.pk])
    refresh_search_terms([product.pk])
    # bulk_create sends no signals: the product's pages and the lists its prices, colours and sizes change.
    invalidate({item_tag(Product, product.pk), list_tag(Product), search_tag(Product), list_tag(MarketPrice)})
    return variants


# Currencies written without minor units: a changed price is rounded to the whole unit.
WHOLE_UNIT_CURRENCIES = ("JPY", "KRW", "CLP", "ISK", "HUF", "TWD")


@transaction.atomic
def prices_change(*, queryset, percent):
    """Raise (or lower, with a negative `percent`) the prices of `queryset` (MarketPrice rows), each market's
    rounded to its currency's unit; "price on request" stays so. One UPDATE per market, all or nothing; pages
    showing market prices hear of it (update() sends no signals). Returns how many prices changed."""
    factor = Decimal(1) + Decimal(percent) / 100
    changed = 0
    priced = queryset.filter(price__isnull=False).order_by()
    highest = priced.aggregate(highest=Max("price"))["highest"]
    limit = Decimal(10) ** (MarketPrice.price.field.max_digits - MarketPrice.price.field.decimal_places)
    if highest is not None and highest * factor >= limit:
        raise ValidationError(
            _("Nothing was changed: %(price)s would become more than a price can hold.") % {"price": highest}
        )
    for market_id, currency in priced.values_list("market", "market__currency").distinct():
        places = 0 if currency in WHOLE_UNIT_CURRENCIES else 2
        changed += MarketPrice.objects.filter(pk__in=priced.filter(market=market_id).values("pk")).update(
            price=Round(F("price") * factor, places), updated_at=timezone.now()
        )
    invalidate({list_tag(MarketPrice), list_tag(Variant)})
    return changed
