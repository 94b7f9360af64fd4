"""`{% canonical_url %}`: this page's address without its query, for the canonical link and Open Graph."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    return request.build_absolute_uri(request.path)
