"""`{% translated item "name" %}`: a translated field in the visitor's language, or, while it has no translation
yet, the default language's text inside `<span lang="en">`, so screen readers and search engines read it right."""

from django import template
from django.utils.html import format_html

from core.translations import fallback_language

register = template.Library()


@register.simple_tag
def translated(item, field):
    text = getattr(item, field)
    language = fallback_language(item, field)
    return format_html('<span lang="{}">{}</span>', language, text) if language else text
