"""Structured data for search engines: `{% jsonld data %}` renders a JSON-LD block.

The JSON is escaped as Django's json_script does (no "</script>" can break
out). A data block is never executed, so it needs no CSP nonce, and leaving
the nonce out keeps the page byte-identical between requests (ETags work).
"""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data):
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """An absolute URL for social cards and structured data."""
    return context["request"].build_absolute_uri(url) if url else ""
