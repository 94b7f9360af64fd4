"""`{% translated item "name" %}`: a text in the visitor's language, or, while it has none in that language yet,
the default language's text inside `<span lang="en">` (core.translations.marked)."""

from django import template

from core.translations import fallback_language, marked

register = template.Library()


@register.simple_tag
def translated(item, field):
    return marked(item, field)


@register.simple_tag
def text_language(item, field):
    """`{% text_language image "alt_text" as alt_lang %}`: the language `item.field` falls back to, "" when it is
    in the page's language: for attributes (an alt text), which cannot hold a `<span lang>`."""
    return fallback_language(item, field) or ""
