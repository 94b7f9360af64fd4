"""`{% product_cards items as cards %}`: a product list as card data (see products/cards.py)."""

from django import template

from products.cards import product_cards as build_cards

register = template.Library()


@register.simple_tag
def product_cards(items):
    return build_cards(items)
