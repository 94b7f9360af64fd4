"""Visitors' pages of the catalogue: the filtered list and a show.

The product page shows a product's campaigns too, so it is composed in the site layer (fashion/product_page.py).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.addresses import SlugAddressMixin
from core.cache_tags import shows_lists
from core.pagination import ForgivingPaginationMixin
from core.preview import PreviewableMixin

from .filters import PRICE_SORTS, CatalogueFilter
from .markets import MARKET_COOKIE, MARKET_COOKIE_AGE, market_named, shows_prices
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
        # A market that shows no price offers no price order either: the order would tell the prices.
        hidden = () if shows_prices() else PRICE_SORTS
        return super().get_context_data(
            filter=self.filterset,
            facets=self.filterset.facets(),
            sort_choices=[(value, label) for value, label in sort.choices if value and value not in hidden],
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


@require_safe
def choose_market(request):
    """/market/?market=uk&next=/products/: the visitor's choice of market, kept in a cookie, then back to the page.
    A market that does not exist changes nothing; `next` must be an address of this site."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    chosen = market_named(request.GET.get("market", "")[:40])
    if chosen is not None and chosen.slug == request.GET.get("market"):
        response.set_cookie(
            MARKET_COOKIE,
            chosen.slug,
            max_age=MARKET_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
