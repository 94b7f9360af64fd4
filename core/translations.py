"""Translated content: one column per language of LANGUAGES on the same row (django-modeltranslation).

A translated field `name` has `name_en`, `name_fr`…; reading `name` gives the active language's text and falls
back to the default language's. Querysets of a translated model rewrite `name` to the right column themselves;
a query reaching one across a relation (`category__name` from a product) must name the columns: `columns()`.
"""

import hashlib

import simple_history
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import format_html
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as translation_settings
from modeltranslation.fields import TranslationField
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


def marked(item, field):
    """`item.field` for a page: the text, or, when it is not in the page's language, the text inside
    `<span lang="…">` (safe HTML), so screen readers and search engines read it in its own language."""
    text = getattr(item, field)
    language = fallback_language(item, field)
    return format_html('<span lang="{}">{}</span>', language, text) if language else text


def language_of(item, field):
    """The language `item.field` is written in, for structured data (`inLanguage`)."""
    return fallback_language(item, field) or get_language()


def in_default_language(item, field):
    """`item.field` in the default language, whatever the page's: for keys that must be the same on every page
    (a facet's value in the address)."""
    if field in translated_fields(type(item)):
        return getattr(item, build_localized_fieldname(field, translation_settings.DEFAULT_LANGUAGE))
    return getattr(item, field)


def source_column(model, field):
    """Where a form edits `field`'s source text: its default language's column when it is translated (`hero_alt`
    → `hero_alt_en`), for a model's clean() to key its errors on a field the admin's form has."""
    if field in translated_fields(model):
        return build_localized_fieldname(field, translation_settings.DEFAULT_LANGUAGE)
    return field


def translated_fields(model):
    """The names of `model`'s translated fields (none when it is not registered)."""
    try:
        return translator.get_options_for_model(model).all_fields.keys()
    except NotRegistered:
        return ()


# Translated fields whose translation may stay missing: nothing waits for it.
OPTIONAL_TRANSLATIONS = ("slug",)


class Status(models.TextChoices):
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated: the text changed since")
    UP_TO_DATE = "up to date", _("up to date")


def default_language():
    return settings.LANGUAGE_CODE


def validate_language(code):
    """A language of LANGUAGES (a setting, so not the field's choices: adding a language needs no migration)."""
    if code not in dict(settings.LANGUAGES):
        raise ValidationError(_("Pick one of the site's languages."), code="language")


def digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def other_languages():
    """The languages translated into: every language of LANGUAGES but the default."""
    return [code for code in translation_settings.AVAILABLE_LANGUAGES if code != translation_settings.DEFAULT_LANGUAGE]


class TranslatedModel(models.Model):
    """Base of every model with translated fields (registered in a `translation.py`).

    - Knows, per field and language, whether the translation is missing, up to date, or outdated because the
      default language's text changed after it was translated: each translation keeps a digest of the source it
      was made from (`translated_from`), and `needs_translation` lists the languages with work to do, for the
      admin's "needs French" filter.
    - Its untranslated column (`name`, which Django still writes) always holds the default language's text,
      whichever language the editor saved in. modeltranslation writes that column from the active language, so
      a save from the French admin would put French there, and a unique name could then collide with another
      row's English one (an IntegrityError, not a form error). Queries never read it, but its constraint does.
    """

    translated_from = models.JSONField(default=dict, editable=False)
    needs_translation = models.CharField(max_length=200, default="", blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        self._empty_is_empty()
        self._note_translations()
        if update_fields is not None:  # a language column saved alone takes its untranslated column along
            update_fields = set(update_fields) | {"translated_from", "needs_translation"}
            update_fields |= {field for field in translated_fields(type(self)) if update_fields & set(columns(field))}
        with override(translation_settings.DEFAULT_LANGUAGE):
            super().save(*args, update_fields=update_fields, **kwargs)

    def _empty_is_empty(self):
        """One value for "no text" per column (modeltranslation's `empty_value`: "" or NULL): a row made in code
        holds NULL where the admin's form posts "", and history would show a change nobody made. A unique
        column's is always NULL, so that any number of rows may have no translation yet."""
        for field in self._meta.concrete_fields:
            if isinstance(field, TranslationField) and getattr(self, field.attname) in (None, ""):
                setattr(self, field.attname, None if field.unique else field.empty_value)

    def validate_unique(self, exclude=None):
        """A translated slug is an address too: no item may have, in any language, a slug another item has in any
        language (`/fr/products/rodeo/` would open the Bel Air, and the Rodeo's French page would be lost)."""
        super().validate_unique(exclude)
        if "slug" not in translated_fields(type(self)):
            return
        names = columns("slug")
        errors = {}
        for name in names:
            value = getattr(self, name)
            if not value or name in (exclude or ()):
                continue
            anywhere = Q()
            for other in names:
                anywhere |= Q(**{other: value})
            if type(self)._base_manager.exclude(pk=self.pk).filter(anywhere).exists():
                errors[name] = ValidationError(
                    _("Another item has this address in one of the languages."), code="unique"
                )
        if errors:
            raise ValidationError(errors)

    def translation_status(self, field, language):
        source = getattr(self, build_localized_fieldname(field, translation_settings.DEFAULT_LANGUAGE)) or ""
        text = getattr(self, build_localized_fieldname(field, language)) or ""
        if not text:
            # A slug may be translated, not must: without one the item answers to the default language's.
            return Status.MISSING if source and field not in OPTIONAL_TRANSLATIONS else Status.UP_TO_DATE
        made_from = self.translated_from.get(language, {}).get(field)
        return Status.UP_TO_DATE if made_from == digest(source) else Status.OUTDATED

    def _note_translations(self):
        """Record which translations were written in this save, against today's source text."""
        fields = list(translated_fields(type(self)))
        stored = {}
        if self.pk is not None and not self._state.adding:
            names = [build_localized_fieldname(field, code) for field in fields for code in other_languages()]
            stored = type(self)._base_manager.filter(pk=self.pk).values(*names).first() or {}
        made_from = {code: dict(self.translated_from.get(code, {})) for code in other_languages()}
        for field in fields:
            source = digest(getattr(self, build_localized_fieldname(field, translation_settings.DEFAULT_LANGUAGE)))
            for code in other_languages():
                column = build_localized_fieldname(field, code)
                text = getattr(self, column)
                if not text:
                    made_from[code].pop(field, None)
                elif text != stored.get(column):
                    made_from[code][field] = source
        self.translated_from = {code: found for code, found in made_from.items() if found}
        waiting = [
            code
            for code in other_languages()
            if any(self.translation_status(f, code) != Status.UP_TO_DATE for f in fields)
        ]
        self.needs_translation = "".join(f" {code} " for code in waiting)


class ColumnsManager(models.Manager):
    """A base manager (`Meta.base_manager_name`) that reads columns as they are named, without modeltranslation's
    rewriting. Django reads a deferred field for every card of a list at once (FETCH_PEERS) through
    `_base_manager.values_list(column, flat=True).in_bulk(ids)`; modeltranslation's rewriting values iterable
    passes for a dict iterable there, so a card's translated field read that way came back as a dict."""

    def get_queryset(self):
        return super().get_queryset().rewrite(False)


def unrewritten(queryset):
    """`queryset` with its later steps (`values_list`) taken as written: for queries that name every language's
    column themselves (`text_in_language`). Filters already applied stay as they were rewritten."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


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


def register_history(model, **options):
    """Keep `model`'s history (django-simple-history), translation columns included: call it in a
    `translation.py`, after the model's registration with modeltranslation, instead of a `HistoricalRecords()`
    on the model, which would be built before the columns exist.

    A history row repeats values (every version of an item has its slug), so history drops each unique
    constraint for a plain index. A translation column describes itself through its original field
    (`TranslationField.deconstruct()`), which simple-history does not see: without the fix below, `slug_en`
    would stay unique in the history table and a second version of an item could not be recorded.
    """
    # The untranslated column only repeats the default language's (TranslatedModel.save): recording it too
    # would show every change of the English text twice.
    options["excluded_fields"] = [*options.get("excluded_fields", ()), *translated_fields(model)]
    simple_history.register(model, **options)
    for field in model.history.model._meta.fields:
        if isinstance(field, TranslationField) and field.translated_field.unique:
            field._field_options_kwargs = {"unique": False, "db_index": True}
