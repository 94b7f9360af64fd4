"""`{{ amount|price:currency }}` and `{% price_range low high %}`: prices written as everywhere else
(products.models.product.price_text)."""

from django import template
from django.utils.translation import get_language

from products.models.product import price_range_text, price_text

register = template.Library()


@register.filter
def price(amount, currency):
    return price_text(amount, currency, get_language()) if amount is not None else ""


@register.simple_tag
def price_range(low, high, currency="EUR"):
    return price_range_text(low, high, get_language(), currency)
