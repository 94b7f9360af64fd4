"""Addresses of this page: `{% canonical_url %}` for the canonical link and Open Graph, `{% language_versions %}`
for its `hreflang` alternates and the language switcher."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info, override, to_locale

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each language of LANGUAGES, the default first: dicts of `code`, `name` (in its own
    language), `locale` (Open Graph's underscore form: `fr`, `pt_BR`), `url` (absolute, without the query: for
    `hreflang`), `path` (with the query: the switcher keeps filters and a share link) and `current`. Empty for a
    page no URL pattern answers (a 404), which has no versions."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return []
    current = get_language()
    item = context.get("object") if "slug" in request.resolver_match.kwargs else None
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, _name in settings.LANGUAGES:
        if hasattr(item, "get_absolute_url"):  # an item's page: its slug may be translated
            with override(code):
                path = item.get_absolute_url() + (f"?{query}" if query else "")
        else:
            path = translate_url(request.get_full_path(), code)  # one resolve and reverse per language
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "locale": to_locale(code),
                "url": request.build_absolute_uri(urlsplit(path).path),
                "path": path,
                "current": code == current,
            }
        )
    return sorted(versions, key=lambda version: version["code"] != settings.LANGUAGE_CODE)
