"""`{% translated item "name" %}`: a text in the visitor's language, or, while it has none in that language yet,
the default language's text inside `<span lang="en">` (core.translations.marked)."""

from django import template

from core.translations import marked

register = template.Library()


@register.simple_tag
def translated(item, field):
    return marked(item, field)
