"""Translated content: one column per language of LANGUAGES on the same row (django-modeltranslation).

A translated field `name` has `name_en`, `name_fr`…; reading `name` gives the active language's text and falls
back to the default language's. Querysets of a translated model rewrite `name` to the right column themselves;
a query reaching one across a relation (`category__name` from a product) must name the columns: `columns()`.
"""

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language, override
from modeltranslation import settings as translation_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


def columns(field):
    """Every language's column of a translated field, by its query path (`category__name` →
    `category__name_en`, `category__name_fr`)."""
    return tuple(build_localized_fieldname(field, code) for code in translation_settings.AVAILABLE_LANGUAGES)


def fallback_language(item, field):
    """The language `item.field` is written in when it is not the active language: the default language's code
    while the active language has no text of its own (or the field is not translated at all yet: content is
    written in the default language), None when the text is the active language's own."""
    active, default = get_language(), translation_settings.DEFAULT_LANGUAGE
    if active == default:
        return None
    if field not in translated_fields(type(item)):
        return default
    return None if getattr(item, build_localized_fieldname(field, active), None) else default


def language_of(item, field):
    """The language `item.field` is written in, for structured data (`inLanguage`)."""
    return fallback_language(item, field) or get_language()


def translated_fields(model):
    """The names of `model`'s translated fields (none when it is not registered)."""
    try:
        return translator.get_options_for_model(model).all_fields.keys()
    except NotRegistered:
        return ()


class DefaultLanguageRow(models.Model):
    """For a model with translated fields: its untranslated column (`name`, which Django still writes) always holds
    the default language's text, whichever language the editor saved in.

    modeltranslation writes that column from the active language, so an editor saving in French would put French
    there, and a unique name could then collide with another row's English one (an IntegrityError, not a form
    error). Queries never read it (they name the language columns), but its constraint and any raw SQL do.
    """

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:  # a language column saved alone takes its untranslated column along
            update_fields = set(update_fields)
            update_fields |= {field for field in translated_fields(type(self)) if update_fields & set(columns(field))}
        with override(translation_settings.DEFAULT_LANGUAGE):
            super().save(*args, update_fields=update_fields, **kwargs)


def text_in_language(model, path):
    """What `values()` should read for `path` from `model`, in the active language: for a translated field, its
    language's column, falling back to the default language's when empty (a query across a relation is not
    rewritten by modeltranslation, and exports read across relations); any other path as it is."""
    *steps, name = path.split("__")
    target = model
    for step in steps:
        target = target._meta.get_field(step).related_model
    if name not in translated_fields(target):
        return path
    default = translation_settings.DEFAULT_LANGUAGE
    active = get_language() if get_language() in translation_settings.AVAILABLE_LANGUAGES else default
    fallback = F(build_localized_fieldname(path, default))
    if active == default:
        return fallback
    own = NullIf(F(build_localized_fieldname(path, active)), Value(""))
    return Coalesce(own, fallback, output_field=models.TextField())
