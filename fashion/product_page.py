"""The product page: a product with the campaigns it is featured in and who carries it there.

It shows both apps' content, so it lives in the site layer, where both are known (`products` may not import
`campaigns`); fashion/urls.py routes /products/<slug>/ here under the `products` namespace.
"""

from django.views.generic import DetailView

from campaigns.models import Ambassador, Campaign
from core.addresses import SlugAddressMixin
from core.cache_tags import shows_scope
from core.preview import PreviewableMixin
from products.markets import current_market, offers, shows_prices
from products.models import Product
from products.seo import product_jsonld


class ProductDetailView(SlugAddressMixin, PreviewableMixin, DetailView):
    """/products/<slug>/: a published product and everything shown with it, its campaigns and who carries it."""

    template_name = "products/product_detail.html"
    context_object_name = "product"

    def base_queryset(self):
        return Product.objects.for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        variants = list(product.variants.all())
        context["colorways"] = list({v.colorway_id: v.colorway for v in variants}.values())
        # ?colour=<slug> shows that colorway's pictures (and those of no colorway); anything else shows all.
        chosen = self.request.GET.get("colour")
        context["chosen_colorway"] = next((c for c in context["colorways"] if c.slug == chosen), None)
        images = list(product.images.all())
        if context["chosen_colorway"]:
            images = [i for i in images if i.colorway_id in (None, context["chosen_colorway"].pk)] or images
        context["gallery"] = images
        context["og_image"] = images[0].image.url if images else ""
        # The variants as the visitor's market sells them (prices, availability; those it sells only).
        context["offers"] = offers(variants)
        context["shows_prices"] = shows_prices()
        context["market"] = current_market()
        context["jsonld"] = product_jsonld(product, self.request, context["offers"] if shows_prices() else [])
        measured = {row.size_id: row for row in product.product_sizes.all()}  # dimensions, translated
        sizes = sorted({v.size_id: v.size for v in variants}.values(), key=lambda s: (s.order, s.name))
        context["sizes"] = [(size, measured.get(size.pk)) for size in sizes]
        priced = {(offer.price, offer.currency) for offer in context["offers"] if offer.price is not None}
        context["prices"] = sorted(priced) if shows_prices() else []
        if product.family:
            shows_scope(Product, family=product.family)
        context["family"] = (
            Product.objects.published().filter(family=product.family).exclude(pk=product.pk).for_listing()
            if product.family
            else Product.objects.none()
        )
        context["campaigns"] = Campaign.objects.published().filter(products=product).for_listing()
        context["ambassadors"] = Ambassador.objects.published().filter(campaigns__in=context["campaigns"]).distinct()
        return context
