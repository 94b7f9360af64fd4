"""`{% product_grid items %}`: product cards in a grid (see products/cards.py for why in Python)."""

from django import template

from products import cards

register = template.Library()


@register.simple_tag
def product_grid(items):
    return cards.product_grid(items)
