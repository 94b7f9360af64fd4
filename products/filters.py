"""The catalogue's filters: the query parameters of /products/.

Every parameter is optional and forgiving: a value that does not validate is
dropped from the filtering and reported on the page, never a server error.
"""

import functools
import itertools
import operator
from decimal import Decimal

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache_tags import shows_lists, shows_search
from core.page_cache import cached_data
from core.translations import in_default_language, marked, text_in_language, translated_fields, unrewritten

from .markets import current_market, foreign_market, shows_prices
from .models import Category, Collection, Colorway, Material, Product, ProductMaterial, Size, Variant
from .models.prices import price_range_text, price_text


def by_name():
    """A product's name in the page's language (the default language's where it has none): what "name" sorts on.
    In the default language that is the `name_en` column, which an index serves (`product_by_name-en`)."""
    return text_in_language(Product, "name")


def price_in_market(end):
    """A product's lowest (`end`="min") or highest price in the visitor's market: the kept column in the house
    market, the annotation of Product.objects.for_listing() in another (products/markets.py)."""
    return F(f"market_{end}") if foreign_market() else F(f"{end}_price")


PRICE_SORTS = ("price", "-price")
SORTS = {
    "name": lambda: (by_name().asc(), "pk"),
    "-name": lambda: (by_name().desc(), "-pk"),
    "newest": lambda: ("-debut_date", "-pk"),
    # Products without variants (no price) last either way, on every database.
    "price": lambda: (price_in_market("min").asc(nulls_last=True), by_name().asc(), "pk"),
    "-price": lambda: (price_in_market("max").desc(nulls_last=True), by_name().asc(), "pk"),
}


def facet_choices():
    """{facet: {slug: (pk, label)}}: what a visitor may choose in each facet, in display order.

    Kept like pages (core/page_cache.py), tagged with the lists it reads, so a new colour or a
    publish shows at once and a scheduled collection is never offered early or late.
    Validating against it costs no query.
    """
    return cached_data("catalogue-choices", _load_facet_choices)


def _load_facet_choices():
    """Only values at least one published product uses: a colour, size or material of drafts and scheduled
    products alone is not offered (it would leak unreleased work, and give nothing). One query per facet.
    """
    shows_lists(Product, Category, Collection, Colorway, Size, Material)
    shown = Product.objects.published()
    used_by = {
        "category": Q(Exists(shown.filter(category=OuterRef("pk"))))
        | Q(Exists(shown.filter(category__parent=OuterRef("pk")))),
        "collection": Q(Exists(shown.filter(collection=OuterRef("pk")))),
        "colorway": Q(Exists(Variant.objects.filter(colorway=OuterRef("pk"), product__in=shown.values("pk")))),
        "size": Q(Exists(Variant.objects.filter(size=OuterRef("pk"), product__in=shown.values("pk")))),
        "material": Q(Exists(ProductMaterial.objects.filter(material=OuterRef("pk"), product__in=shown.values("pk")))),
    }
    sources = {
        "category": Category.objects.all(),
        "collection": Collection.objects.published().select_related("brand"),
        "colorway": Colorway.objects.all(),
        "size": Size.objects.all(),
        "material": Material.objects.all(),
    }
    return {
        facet: {in_default_language(item, "slug"): (item.pk, label(item)) for item in items.filter(used_by[facet])}
        for facet, items in sources.items()
    }


def label(item):
    """A choice's label: a translated name marked with its language when it is not the page's (core.translations)."""
    return marked(item, "name") if "name" in translated_fields(type(item)) else str(item)


def price_bands():
    """{slug: ((low, high), label)} of the price facet in the visitor's market's currency (settings.PRICE_BANDS,
    the house's own steps per currency): "2000-4000" is from 2,000 up to, not including, 4,000."""
    market = current_market()
    if market is not None and not market.shows_prices:
        return {}
    currency = market.currency if market is not None else "EUR"
    steps = settings.PRICE_BANDS.get(currency, settings.PRICE_BANDS["EUR"])
    language = get_language()
    bands = {}
    for low, high in itertools.pairwise([None, *steps, None]):
        slug = f"{low or ''}-{high or ''}"
        if low is None:
            label = _("Under %(price)s") % {"price": price_text(Decimal(high), currency, language)}
        elif high is None:
            label = _("%(price)s and over") % {"price": price_text(Decimal(low), currency, language)}
        else:
            label = price_range_text(Decimal(low), Decimal(high), language, currency)
        bands[slug] = ((low, high), label)
    return bands


def in_band(low, high):
    """Products whose lowest price in the visitor's market is in [low, high)."""
    lowest = "market_min" if foreign_market() else "min_price"
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{lowest}__gte": low})
    if high is not None:
        condition &= Q(**{f"{lowest}__lt": high})
    return condition


class FacetFilter(django_filters.MultipleChoiceFilter):
    """Several values of one facet by slug (?colorway=black&colorway=tan), among those in use: the FilterSet
    gives the choices (CatalogueFilter.__init__)."""

    def __init__(self, label, method):
        super().__init__(label=label, method=method, widget=forms.CheckboxSelectMultiple)


def clean_query_data(data):
    """Drop values no database should see (NUL bytes, absurd lengths).

    PostgreSQL refuses NUL in text; without this a hostile link would be a 500.
    """
    cleaned = data.copy()
    for key in list(cleaned.keys()):
        values = [value for value in cleaned.getlist(key) if "\x00" not in value and len(value) <= 200]
        cleaned.setlist(key, values[:50])
    return cleaned


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)
    category = FacetFilter(_("Category"), "filter_category")
    collection = FacetFilter(_("Collection"), "filter_collection")
    colorway = FacetFilter(_("Colour"), "filter_colorway")
    size = FacetFilter(_("Size"), "filter_size")
    material = FacetFilter(_("Material"), "filter_material")
    price = FacetFilter(_("Price"), "filter_price")
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=_("Name, A to Z"),
        choices=[
            ("name", _("Name, A to Z")),
            ("-name", _("Name, Z to A")),
            ("newest", _("Newest first")),
            ("price", _("Price, low to high")),
            ("-price", _("Price, high to low")),
        ],
    )

    class Meta:
        model = Product
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(clean_query_data(data) if data is not None else None, *args, **kwargs)
        for facet in self.FACETS:  # the filters are this instance's copies: django-filter's way to set choices
            self.filters[facet].extra["choices"] = [(slug, label) for slug, (_, label) in self.choices[facet].items()]

    @functools.cached_property
    def choices(self):
        """facet_choices(), read once per request, and the price bands of the visitor's market."""
        return facet_choices() | {"price": price_bands()}

    def facet_ids(self, facet, slugs):
        """The primary keys of valid slugs: filtering on keys needs no join to the reference table."""
        return [self.choices[facet][slug][0] for slug in slugs if slug in self.choices[facet]]

    FACETS = ("category", "collection", "colorway", "size", "material", "price")

    def queryset_without(self, facet):
        """The catalogue under every valid filter except `facet`: what that facet's counts are taken over."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name not in (facet, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self):
        """The filter panel: [{"name", "label", "choices": [{"slug", "label", "count", "selected"}]}], each facet's
        choices with product counts under the current selection."""
        selected = self._selection()
        return [
            {
                "name": name,
                "label": self.filters[name].label,
                "choices": [
                    {"slug": slug, "label": label, "count": count, "selected": slug in selected[name]}
                    for slug, label, count in choices
                ],
            }
            for name, choices in self._summary["facets"].items()
        ]

    def count(self):
        """How many products the current selection holds, whatever the page and sort."""
        return self._summary["count"]

    def _selection(self):
        self.is_valid()  # fills cleaned_data with the understood filters only
        return {name: self._selected_slugs(name) for name in self.FACETS}

    @functools.cached_property
    def _summary(self):
        """Facet choices and counts (one heavy query per facet) and the total, kept per selection like pages
        (core/page_cache.py): a change to any list they read, a publish or a scheduled change ends their life
        at once. The total spares the paginator a COUNT over the catalogue on every page.
        """
        market = foreign_market()  # another market lists other products, at other prices
        query = self.form.cleaned_data.get("q") or ""
        key = f"catalogue-summary:{sorted(self._selection().items())}:{query}:{market.slug if market else ''}"
        return cached_data(key, self._summarize)

    def _summarize(self):
        shows_lists(Product, Category, Collection, Colorway, Size, Material)
        return {"facets": self._build_panel(), "count": self.qs.count()}

    def _selected_slugs(self, name):
        return sorted(set(self.form.cleaned_data.get(name) or ()))

    def _build_panel(self):
        """{facet: [(slug, label, count)]} in display order."""
        counts = self._count_facets()
        return {
            name: [(slug, label, counts[name].get(slug, 0)) for slug, (_, label) in self.choices[name].items()]
            for name in self.FACETS
        }

    def _count_facets(self):
        counts = {}
        # Every count query clears its ordering: modeltranslation makes a model's default ordering explicit,
        # and an explicit ordering joins the GROUP BY (one row per product instead of one per value).
        for facet in self.FACETS:
            products = self.queryset_without(facet).order_by().values("pk")
            match facet:
                case "colorway" | "size":
                    rows = Variant.objects.filter(product__in=products).order_by().values_list(f"{facet}__slug")
                    rows = rows.annotate(n=Count("product", distinct=True))
                case "material":
                    rows = ProductMaterial.objects.filter(product__in=products).order_by().values_list("material__slug")
                    rows = rows.annotate(n=Count("product", distinct=True))
                case "collection":  # the untranslated slug, as in the choices: one address in every language
                    rows = unrewritten(Product.objects.filter(pk__in=products).order_by()).values_list(
                        "collection__slug"
                    )
                    rows = rows.annotate(n=Count("pk"))
                case "category":
                    rows = self._category_counts(products)
                case "price":
                    rows = self._price_counts(facet)
            counts[facet] = dict(rows)
        return counts

    def _price_counts(self, facet):
        """Products per price band: one query, a conditional count per band."""
        bands = self.choices[facet]
        if not bands:
            return []
        counted = (
            self.queryset_without(facet)
            .order_by()
            .aggregate(
                **{f"band_{n}": Count("pk", filter=in_band(*limits)) for n, (limits, _) in enumerate(bands.values())}
            )
        )
        return [(slug, counted[f"band_{n}"]) for n, slug in enumerate(bands)]

    @staticmethod
    def _category_counts(products):
        """A parent category counts its children's products too, as its filter includes them."""
        totals = {}
        rows = Product.objects.filter(pk__in=products).order_by()
        rows = rows.values_list("category__slug", "category__parent__slug")
        for slug, parent, n in rows.annotate(n=Count("pk")):
            totals[slug] = totals.get(slug, 0) + n
            if parent:
                totals[parent] = totals.get(parent, 0) + n
        return totals.items()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["name"]())
        return queryset

    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        shows_search(Product)
        words = value.split()[:8]
        # In the page's language, each text falling back to the default language's (core.translations).
        texts = {f"text_{field}": text_in_language(Product, field) for field in ("name", "family", "description")}
        texts = {alias: F(text) if isinstance(text, str) else text for alias, text in texts.items()}
        queryset = queryset.alias(**texts)
        for word in words:
            queryset = queryset.filter(functools.reduce(operator.or_, (Q(**{f"{t}__icontains": word}) for t in texts)))
        return queryset

    def filter_price(self, queryset, name, value):
        bands = self.choices[name]
        chosen = [bands[slug][0] for slug in value if slug in bands]
        return queryset.filter(functools.reduce(operator.or_, (in_band(*limits) for limits in chosen), Q()))

    def filter_category(self, queryset, name, value):
        ids = self.facet_ids(name, value)
        return queryset.filter(Q(category__in=ids) | Q(category__parent__in=ids))

    def filter_collection(self, queryset, name, value):
        return queryset.filter(collection__in=self.facet_ids(name, value))

    def filter_colorway(self, queryset, name, value):
        ids = self.facet_ids(name, value)
        return queryset.filter(Exists(Variant.objects.filter(product=OuterRef("pk"), colorway__in=ids)))

    def filter_size(self, queryset, name, value):
        ids = self.facet_ids(name, value)
        return queryset.filter(Exists(Variant.objects.filter(product=OuterRef("pk"), size__in=ids)))

    def filter_material(self, queryset, name, value):
        ids = self.facet_ids(name, value)
        return queryset.filter(Exists(ProductMaterial.objects.filter(product=OuterRef("pk"), material__in=ids)))

    def sort_by(self, queryset, name, value):
        if value in PRICE_SORTS and not shows_prices():
            value = "name"  # the order would tell the prices a market does not show
        return queryset.order_by(*SORTS.get(value, SORTS["name"])())
