"""The catalogue's filters: the query parameters of /products/.

Every parameter is optional and forgiving: a value that does not validate is
dropped from the filtering and reported on the page, never a server error.
"""

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .models import Category, Collection, Colorway, Material, Product, ProductMaterial, Size, Variant

SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "newest": ("-debut_date", "-pk"),
    "price": ("min_price", "name", "pk"),
    "-price": ("-max_price", "name", "pk"),
}


def _slug_choice(queryset, label, method):
    return django_filters.ModelMultipleChoiceFilter(
        queryset=queryset,
        to_field_name="slug",
        label=label,
        method=method,
        widget=forms.CheckboxSelectMultiple,
    )


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
    category = _slug_choice(Category.objects.all(), _("Category"), "filter_category")
    # A callable, so "published" is judged at request time, not at import.
    collection = _slug_choice(lambda request: Collection.objects.published(), _("Collection"), "filter_collection")
    colorway = _slug_choice(Colorway.objects.all(), _("Colour"), "filter_colorway")
    size = _slug_choice(Size.objects.all(), _("Size"), "filter_size")
    material = _slug_choice(Material.objects.all(), _("Material"), "filter_material")
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

    FACETS = ("category", "collection", "colorway", "size", "material")

    def queryset_without(self, facet):
        """The catalogue under every valid filter except `facet`: what that facet's counts are taken over."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name not in (facet, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self):
        """{facet: {slug: number of products}} under the current selection; one query per facet."""
        self.is_valid()  # fills cleaned_data with the understood filters only
        counts = {}
        for facet in self.FACETS:
            products = self.queryset_without(facet).order_by().values("pk")
            match facet:
                case "colorway" | "size":
                    rows = Variant.objects.filter(product__in=products).values_list(f"{facet}__slug")
                    rows = rows.annotate(n=Count("product", distinct=True))
                case "material":
                    rows = ProductMaterial.objects.filter(product__in=products).values_list("material__slug")
                    rows = rows.annotate(n=Count("product", distinct=True))
                case "collection":
                    rows = (
                        Product.objects.filter(pk__in=products).values_list("collection__slug").annotate(n=Count("pk"))
                    )
                case "category":
                    rows = self._category_counts(products)
            counts[facet] = dict(rows)
        return counts

    @staticmethod
    def _category_counts(products):
        """A parent category counts its children's products too, as its filter includes them."""
        totals = {}
        rows = Product.objects.filter(pk__in=products).values_list("category__slug", "category__parent__slug")
        for slug, parent, n in rows.annotate(n=Count("pk")):
            totals[slug] = totals.get(slug, 0) + n
            if parent:
                totals[parent] = totals.get(parent, 0) + n
        return totals.items()

    def label_with_counts(self):
        """Show “Ivory (2)” on each choice: products the visitor would get by adding it."""
        counts = self.facet_counts()
        for facet in self.FACETS:
            field = self.form.fields[facet]
            field.label_from_instance = lambda obj, numbers=counts[facet]: f"{obj} ({numbers.get(obj.slug, 0)})"
        return counts

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["name"])
        return queryset

    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        words = value.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(family__icontains=word) | Q(description__icontains=word)
            )
        return queryset

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(category__in=value) | Q(category__parent__in=value))

    def filter_collection(self, queryset, name, value):
        return queryset.filter(collection__in=value) if value else queryset

    def filter_colorway(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Variant.objects.filter(product=OuterRef("pk"), colorway__in=value)))

    def filter_size(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Variant.objects.filter(product=OuterRef("pk"), size__in=value)))

    def filter_material(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(ProductMaterial.objects.filter(product=OuterRef("pk"), material__in=value)))

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))
