"""`{% product_grid items %}`: product cards in a grid (see products/cards.py for why in Python);
`{{ amount|price:currency }}` and `{% price_range low high %}`: prices written as everywhere else."""

from django import template
from django.utils.translation import get_language

from products import cards
from products.models.product import price_range_text, price_text

register = template.Library()


@register.simple_tag
def product_grid(items):
    return cards.product_grid(items)


@register.filter
def price(amount, currency):
    return price_text(amount, currency, get_language()) if amount is not None else ""


@register.simple_tag
def price_range(low, high, currency="EUR"):
    return price_range_text(low, high, get_language(), currency)
