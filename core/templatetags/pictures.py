"""`{% picture %}`: a responsive <picture> from the renditions made at save time.

Only names are computed here: no storage access, no resizing during a request.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.images import rendition_name, rendition_widths

register = template.Library()


def language(code):
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag
def picture(file, width, height, alt, sizes="100vw", lazy=True, css_class="", alt_lang=""):
    """WebP sources with a JPEG fallback; width and height set so nothing jumps while loading. `alt_lang` names
    the alt text's language when it is not the page's (an untranslated alt text)."""
    if not file:
        return ""
    storage, name = file.storage, file.name
    widths = rendition_widths(width)
    if not widths:
        original = storage.url(name)
        return format_html('<img src="{}" alt="{}"{} class="{}">', original, alt, language(alt_lang), css_class)

    def srcset(extension):
        return ", ".join(f"{storage.url(rendition_name(name, w, extension))} {w}w" for w in widths)

    largest = widths[-1]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}{}></picture>',
        srcset("webp"),
        sizes,
        storage.url(rendition_name(name, largest, "jpg")),
        srcset("jpg"),
        sizes,
        largest,
        round(height * largest / width),
        alt,
        language(alt_lang),
        format_html(' class="{}"', css_class) if css_class else "",
        mark_safe(' loading="lazy" decoding="async"') if lazy else "",
    )
