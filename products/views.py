"""Visitors' pages of the catalogue: the filtered list, a product, a show."""

from django.conf import settings
from django.views.generic import DetailView, ListView

from core.pagination import ForgivingPaginationMixin
from core.preview import PreviewableMixin

from .filters import CatalogueFilter
from .models import Collection, Product
from .seo import product_jsonld


class CatalogueView(ForgivingPaginationMixin, ListView):
    """/products/: published products, filtered, sorted and paginated."""

    template_name = "products/product_list.html"
    context_object_name = "products"
    paginate_by = settings.CATALOGUE_PAGE_SIZE

    def get_queryset(self):
        self.filterset = CatalogueFilter(self.request.GET, queryset=Product.objects.published().for_listing())
        return self.filterset.qs

    def known_count(self):
        return self.filterset.count()

    def get_context_data(self, **kwargs):
        sort = self.filterset.form.fields["sort"]  # links, built with {% querystring %}
        return super().get_context_data(
            filter=self.filterset,
            facets=self.filterset.facets(),
            sort_choices=[(value, label) for value, label in sort.choices if value],
            current_sort=self.filterset.form.cleaned_data.get("sort") or "name",
            **kwargs,
        )


class ProductDetailView(PreviewableMixin, DetailView):
    """/products/<slug>/: a published product and everything shown with it.

    Apps that products must not import (campaigns) add to the page through
    `register_context_provider`: a function of the product returning a dict.
    """

    template_name = "products/product_detail.html"
    context_object_name = "product"
    context_providers = []

    @classmethod
    def register_context_provider(cls, provider):
        if provider not in cls.context_providers:
            cls.context_providers.append(provider)

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
        context["jsonld"] = product_jsonld(product, self.request, variants)
        dimensions = {row.size_id: row.dimensions for row in product.product_sizes.all()}
        sizes = sorted({v.size_id: v.size for v in variants}.values(), key=lambda s: (s.order, s.name))
        context["sizes"] = [(size, dimensions.get(size.pk, "")) for size in sizes]
        context["prices"] = sorted({(v.price, v.currency) for v in variants})
        context["family"] = (
            Product.objects.published().filter(family=product.family).exclude(pk=product.pk).for_listing()
            if product.family
            else Product.objects.none()
        )
        for provider in self.context_providers:
            context.update(provider(product))
        return context


class CollectionDetailView(PreviewableMixin, DetailView):
    """/collections/<slug>/: a show and its published products."""

    template_name = "products/collection_detail.html"
    context_object_name = "collection"

    def base_queryset(self):
        return Collection.objects.select_related("brand").prefetch_related("quotes")

    def get_context_data(self, **kwargs):
        products = Product.objects.published().filter(collection=self.object).for_listing()
        return super().get_context_data(products=products, **kwargs)
