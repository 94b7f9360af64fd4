"""Product cards as plain data, built in Python once per list.

Every product list (catalogue, home, collection, campaign, ambassador, search,
a product's family) renders the same card. The template engine resolves
`{{ product.name }}` on a model by trying a dictionary lookup, failing, then an
attribute and a call check; with a dozen such lookups per card, a 24-card page
spent a quarter of its time there. Reading the models here and handing the
template dictionaries keeps the markup in templates/fashion/cards.html and
costs a fraction (measured with bench/load.py, see docs/decisions.md).
"""

from django.utils.translation import get_language

from fashion.templatetags.pictures import picture
from fashion.urls_cache import slug_urls

from .models.product import price_range_text

CARD_SIZES = "(min-width: 60rem) 20vw, (min-width: 30rem) 45vw, 90vw"


def product_cards(products):
    """[{"url", "name", "picture", "category", "price"}] for products loaded with `for_listing()`."""
    url = slug_urls("products:product-detail")
    language = get_language()
    return [
        {
            "url": url(product.slug),
            "name": product.name,
            "picture": cover_picture(product.cover),
            "category": product.category.name,
            "price": price_range_text(product.min_price, product.max_price, language),
        }
        for product in products
    ]


def cover_picture(image):
    """The card's <picture> markup, or "" for a product without pictures yet."""
    if image is None:
        return ""
    return picture(image.image, image.width, image.height, image.alt_text, sizes=CARD_SIZES)
