"""The catalogue's filters: the query parameters of /products/.

Every parameter is optional and forgiving: a value that does not validate is
dropped from the filtering and reported on the page, never a server error.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
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
