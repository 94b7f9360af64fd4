"""Links every page has: `{% page_url 'name' %}` and `{% canonical_url %}`.

base.html renders on every page; with `{% url %}` its navigation cost eight
reverse() calls per request, and the canonical address six variable lookups
and two host validations. These give the same text, computed once.
"""

from django import template
from django.utils.html import escape

from core import urls_cache

register = template.Library()


@register.simple_tag
def page_url(viewname):
    """`{% url viewname %}` for a page without arguments, memoized (core/urls_cache.py)."""
    return urls_cache.page_url(viewname)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without its query: scheme, host and path, once per request."""
    request = context["request"]
    if not hasattr(request, "canonical_url"):
        request.canonical_url = escape(f"{request.scheme}://{request.get_host()}{request.path}")
    return request.canonical_url
