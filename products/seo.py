"""Structured data (schema.org) for catalogue pages. Only published items reach here."""

from django.urls import reverse
from django.utils.translation import gettext


def product_jsonld(product, request, variants):
    """Product with one Offer per variant, and the page's breadcrumbs."""
    absolute = request.build_absolute_uri
    images = [absolute(image.image.url) for image in product.images.all()]
    offers = [
        {
            "@type": "Offer",
            "sku": variant.sku,
            "price": str(variant.price),
            "priceCurrency": variant.currency,
            "availability": {
                "in_stock": "https://schema.org/InStock",
                "low_stock": "https://schema.org/LimitedAvailability",
                "preorder": "https://schema.org/PreOrder",
                "out_of_stock": "https://schema.org/OutOfStock",
            }.get(variant.availability, "https://schema.org/InStock"),
            "itemOffered": {"@type": "Product", "color": variant.colorway.name, "size": variant.size.name},
            "url": absolute(product.get_absolute_url()),
        }
        for variant in variants
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
