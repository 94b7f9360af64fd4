"""The admin of translated models: each language's field side by side (modeltranslation), each translation's
status on the form, a "needs French" filter, and Translators who may change translations only."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html_join
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationGenericTabularInline, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from .translations import OPTIONAL_TRANSLATIONS, columns, other_languages, translated_fields


def language_name(code):
    return get_language_info(code)["name_translated"]


class NeedsTranslationFilter(admin.SimpleListFilter):
    """Items with a missing or outdated translation in one language, in their own texts or in their parts'
    (`Model.translated_parts`: a product whose features have no French yet needs French)."""

    title = _("translation")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [(code, _("needs %(language)s") % {"language": language_name(code)}) for code in other_languages()]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in other_languages():
            return queryset
        waiting = f" {code} "
        needs = Q(needs_translation__contains=waiting)
        for name in getattr(queryset.model, "translated_parts", ()):
            relation = queryset.model._meta.get_field(name)
            parts = relation.related_model._default_manager.filter(
                **{relation.field.name: OuterRef("pk"), "needs_translation__contains": waiting}
            )
            needs |= Q(Exists(parts))
        return queryset.filter(needs)


def search_columns(model, path):
    """`path` of an admin's search_fields as the columns to search: every language's for a translated field."""
    prefix = "" if path[:1] not in "^=@" else path[0]
    *steps, name = path.lstrip("^=@").split("__")
    target = model
    for step in steps:
        field = target._meta.get_field(step)
        if not field.is_relation:
            return [path]  # a lookup such as `name__exact`: left as written
        target = field.related_model
    if name not in translated_fields(target):
        return [path]
    return [prefix + column for column in columns("__".join([*steps, name]))]


def untranslatable_fields(model):
    """The fields a Translator may not change: every editable field but the translations (the default language's
    column is the source they translate from)."""
    # A slug is an address, chosen by editors: never a Translator's, in any language.
    fields = [field for field in translated_fields(model) if field not in OPTIONAL_TRANSLATIONS]
    editable = {build_localized_fieldname(field, code) for field in fields for code in other_languages()}
    originals = set(translated_fields(model))  # modeltranslation shows their language columns instead
    model_fields = [*model._meta.fields, *model._meta.many_to_many]
    return [
        field.name
        for field in model_fields
        if field.editable and not field.auto_created and field.name not in editable | originals
    ]


# For an admin with fieldsets: where each translation's status shows (TranslatedAdmin.translations).
TRANSLATIONS_FIELDSET = (_("Translations"), {"fields": ("translations",), "classes": ("collapse",)})


class TranslatedAdmin(TranslationAdmin):
    """Mixed in last (`class ColorwayAdmin(SafeAdmin, TranslatedAdmin)`): modeltranslation's admin answers
    `get_fieldsets()` and `get_readonly_fields()` without calling on, so ours (publishing, roles) must come first
    in the method order and build on its answer."""

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        keeps_status = hasattr(self.model, "translation_status")  # a TranslatedModel (a quote is not)
        return (*filters, NeedsTranslationFilter) if keeps_status else filters

    def get_search_fields(self, request):
        """Each translated field searched in every language's column: modeltranslation would search the editor's
        language's column only, and an item not translated yet would not be found from the French admin."""
        return tuple(
            dict.fromkeys(
                column for path in super().get_search_fields(request) for column in search_columns(self.model, path)
            )
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = (*super().get_readonly_fields(request, obj), "translations")
        if translates_only(request.user):
            readonly = (*readonly, *untranslatable_fields(self.model))
        return tuple(dict.fromkeys(readonly))

    def get_prepopulated_fields(self, request, obj=None):
        return {} if translates_only(request.user) else super().get_prepopulated_fields(request, obj)

    def get_changelist_form(self, request, **kwargs):
        """The list's editable columns (a product's family, a size's order) are no translations: read-only for a
        Translator, whatever a forged POST says (a disabled field keeps its stored value)."""
        form = super().get_changelist_form(request, **kwargs)
        if not translates_only(request.user):
            return form

        class ReadOnlyRow(form):
            def __init__(self, *args, **row_kwargs):
                super().__init__(*args, **row_kwargs)
                for field in self.fields.values():
                    field.disabled = True

        return ReadOnlyRow

    @admin.display(description=_("translations"))
    def translations(self, obj):
        if obj is None or obj.pk is None or not hasattr(obj, "translation_status"):
            return "—"
        rows = [
            (language_name(code), field, obj.translation_status(field, code).label)
            for code in other_languages()
            for field in translated_fields(self.model)
        ]
        return format_html_join("", "<p>{} · {}: {}</p>", rows)


class TranslatedInlineMixin:
    """An inline of translated rows: each language's column side by side; a Translator changes the translations
    of the rows there are, and adds or deletes none."""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if translates_only(request.user):
            readonly = (*readonly, *untranslatable_fields(self.model))
        return tuple(dict.fromkeys(readonly))

    def has_add_permission(self, request, obj=None):
        return not translates_only(request.user) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not translates_only(request.user) and super().has_delete_permission(request, obj)


class TranslatedTabularInline(TranslatedInlineMixin, TranslationTabularInline):
    pass


class TranslatedGenericTabularInline(TranslatedInlineMixin, TranslationGenericTabularInline):
    pass


def translates_only(user):
    """Whether `user` is a translator and nothing more: may change translations, not the texts they come from.
    Asked many times per admin page (every inline, every field list): read once per user object, i.e. request."""
    if user.is_superuser or not user.is_authenticated:
        return False
    if not hasattr(user, "_translates_only"):
        groups = set(user.groups.values_list("name", flat=True))
        user._translates_only = settings.TRANSLATORS_GROUP in groups and groups <= {settings.TRANSLATORS_GROUP}
    return user._translates_only
