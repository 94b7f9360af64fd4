"""Structured data (schema.org) for catalogue pages. Only published items reach here."""

from django.urls import reverse
from django.utils.translation import gettext


def product_jsonld(product, request, offers):
    """Product with one Offer per variant the visitor's market sells at a price (products.markets.offers), and the
    page's breadcrumbs."""
    absolute = request.build_absolute_uri
    images = [absolute(image.image.url) for image in product.images.all()]
    offers = [
        {
            "@type": "Offer",
            "sku": offer.variant.sku,
            "price": str(offer.price),
            "priceCurrency": offer.currency,
            "availability": offer.schema_availability,
            "itemOffered": {"@type": "Product", "color": offer.variant.colorway.name, "size": offer.variant.size.name},
            "url": absolute(product.get_absolute_url()),
        }
        for offer in offers
        if offer.price is not None  # "price on request" is no offer a search engine can show
    ]
    product_data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "brand": {"@type": "Brand", "name": product.brand.name},
        "image": images,
        "url": absolute(product.get_absolute_url()),
        "offers": offers,
    }
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": gettext("Home"), "item": absolute(reverse("home"))},
            {
                "@type": "ListItem",
                "position": 2,
                "name": gettext("Catalogue"),
                "item": absolute(reverse("products:product-list")),
            },
            {"@type": "ListItem", "position": 3, "name": product.name, "item": absolute(product.get_absolute_url())},
        ],
    }
    return [product_data, breadcrumbs]
