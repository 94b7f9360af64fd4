"""Product cards, the most repeated markup of the site, built in Python once per list.

Every product list (catalogue, home, collection, campaign, ambassador, search,
a product's family) shows the same card. Rendered by the template engine, the
24 cards of a catalogue page cost half of the page: each `{{ product.name }}`
is a lookup, a localisation check and an escape, a dozen per card. Here a card
is its data (product_cards) and one string format (CARD_HTML), the way Django's
admin renders its change-list rows. Values are escaped with html.escape(), what
Django's escape() calls, without the lazy-string checks that made format_html()
cost as much as the template. See docs/decisions.md, "Product cards".
"""

from html import escape

from django.db.models import QuerySet
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.templatetags.pictures import picture_markup
from core.urls_cache import slug_urls

from .models.product import ProductImage, price_range_text

CARD_SIZES = "(min-width: 60rem) 20vw, (min-width: 30rem) 45vw, 90vw"
# What a card reads, in the order card_rows() gives it; for_listing() loads at least these (tested).
CARD_COLUMNS = (
    "name",
    "slug",
    "min_price",
    "max_price",
    "category__name",
    "cover__image",
    "cover__width",
    "cover__height",
    "cover__alt_text",
)


# The card: styles in static/css/site.css (.grid, .card, .meta). Every value is escaped (card_html) but
# `picture`, markup made by core.templatetags.pictures from escaped values.
CARD_HTML = """<article class="card">
  <a href="{url}">
    {picture}
    <h3>{name}</h3>
  </a>
  <p class="meta">{meta}</p>
</article>"""


def product_grid(products):
    """The cards of `products` in a grid, as safe markup: `{% product_grid items %}`."""
    return mark_safe('<div class="grid">\n' + "\n".join(map(card_html, product_cards(products))) + "\n</div>")


def card_html(card):
    return CARD_HTML.format(
        url=escape(card["url"]), picture=card["picture"], name=escape(card["name"]), meta=escape(card["meta"])
    )


def product_cards(products):
    """[{"url", "name", "picture", "meta"}] for a list of products; meta is "Shoulder bags · €3,900".

    An unevaluated queryset (the catalogue's page, the home page's newest) is read
    as rows of the card's columns: making 72 model instances for 24 cards was half
    of the list's cost. Products already loaded (a prefetched campaign's products)
    are read as they are, so a prefetch never turns into one query per list.
    """
    url = slug_urls("products:product-detail")
    language = get_language()
    return [
        {
            "url": url(slug),
            "name": name,
            "picture": cover_picture(image, width, height, alt_text),
            "meta": " · ".join(filter(None, (category, price_range_text(min_price, max_price, language)))),
        }
        for name, slug, min_price, max_price, category, image, width, height, alt_text in card_rows(products)
    ]


def card_rows(products):
    """Tuples of CARD_COLUMNS, from the database or from loaded products."""
    if isinstance(products, QuerySet) and products._result_cache is None:
        return products.values_list(*CARD_COLUMNS)
    return [
        (
            product.name,
            product.slug,
            product.min_price,
            product.max_price,
            product.category.name,
            *(
                (cover.image.name, cover.width, cover.height, cover.alt_text)
                if (cover := product.cover)
                else (None,) * 4
            ),
        )
        for product in products
    ]


def cover_picture(name, width, height, alt_text):
    """The card's <picture> markup, or "" for a product without pictures yet."""
    if not name:
        return ""
    storage = ProductImage._meta.get_field("image").storage
    return picture_markup(storage, name, width, height, alt_text, CARD_SIZES, True, "")
