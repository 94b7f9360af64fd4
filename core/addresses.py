"""Item pages by slug, in every language, and old addresses that keep working.

A slug may be translated (`slug_fr`); an item without one in the page's language answers to the default
language's. Any other slug the item has had, in any language, is found in its history (django-simple-history
keeps every version's slugs, indexed) and sends the visitor on to today's address with a 301: a link printed in
a magazine or shared before a rename still lands on the item.
"""

from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import get_language
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname

from .translations import columns, translated_fields


def slug_columns(model):
    """The columns a slug of `model` may be in: the active language's first, then the default language's."""
    if "slug" not in translated_fields(model):
        return ("slug",)
    active = get_language() if get_language() in translation_settings.AVAILABLE_LANGUAGES else None
    languages = dict.fromkeys(filter(None, (active, translation_settings.DEFAULT_LANGUAGE)))
    return tuple(build_localized_fieldname("slug", code) for code in languages)


class SlugAddressMixin:
    """For a DetailView of an item with a (possibly translated) slug: finds it by the slug of the page's language
    or the default language's in one query, redirects an old slug, and sends any address that is not the item's
    address in this language (the English slug on a French page when a French one exists) to that address."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        address = self.object.get_absolute_url()
        if address != request.path:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        slug = self.kwargs["slug"]
        names = slug_columns(queryset.model)
        matches = Q()
        for name in names:
            matches |= Q(**{name: slug})
        found = list(queryset.filter(matches)[: len(names)])
        for name in names:  # the page's own language wins over the default language's
            for item in found:
                if getattr(item, name) == slug:
                    return item
        return self.formerly_at(queryset, slug)

    def formerly_at(self, queryset, slug):
        """The item (among `queryset`) whose history has `slug` in any language, the latest holder first."""
        model = queryset.model
        if not hasattr(model, "history"):
            raise Http404
        names = columns("slug") if "slug" in translated_fields(model) else ("slug",)
        held = Q()
        for name in names:
            held |= Q(**{name: slug})
        holders = model.history.filter(held).order_by("-history_date").values_list("id", flat=True)[:20]
        for pk in dict.fromkeys(holders):
            item = queryset.filter(pk=pk).first()
            if item is not None:
                return item
        raise Http404
