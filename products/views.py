"""Visitors' pages of the catalogue: the filtered list and a show.

The product page shows a product's campaigns too, so it is composed in the site layer (fashion/product_page.py).
"""

from django.conf import settings
from django.views.generic import DetailView, ListView

from core.addresses import SlugAddressMixin
from core.cache_tags import shows_lists
from core.pagination import ForgivingPaginationMixin
from core.preview import PreviewableMixin

from .filters import CatalogueFilter
from .models import Collection, Product


class CatalogueView(ForgivingPaginationMixin, ListView):
    """/products/: published products, filtered, sorted and paginated."""

    template_name = "products/product_list.html"
    context_object_name = "products"
    paginate_by = settings.CATALOGUE_PAGE_SIZE

    def get_queryset(self):
        shows_lists(Product)
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


class CollectionDetailView(SlugAddressMixin, PreviewableMixin, DetailView):
    """/collections/<slug>/: a show and its published products."""

    template_name = "products/collection_detail.html"
    context_object_name = "collection"

    def base_queryset(self):
        return Collection.objects.select_related("brand").prefetch_related("quotes")

    def get_context_data(self, **kwargs):
        products = Product.objects.published().filter(collection=self.object).for_listing()
        return super().get_context_data(products=products, **kwargs)
