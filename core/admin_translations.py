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

from .translations import other_languages, translated_fields


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


def untranslatable_fields(model):
    """The fields a Translator may not change: every editable field but the translations (the default language's
    column is the source they translate from)."""
    editable = {
        build_localized_fieldname(field, code) for field in translated_fields(model) for code in other_languages()
    }
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
        return (*super().get_list_filter(request), NeedsTranslationFilter)

    def get_readonly_fields(self, request, obj=None):
        readonly = (*super().get_readonly_fields(request, obj), "translations")
        if translates_only(request.user):
            readonly = (*readonly, *untranslatable_fields(self.model))
        return tuple(dict.fromkeys(readonly))

    def get_prepopulated_fields(self, request, obj=None):
        return {} if translates_only(request.user) else super().get_prepopulated_fields(request, obj)

    @admin.display(description=_("translations"))
    def translations(self, obj):
        if obj is None or obj.pk is None:
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
    """Whether `user` is a translator and nothing more: may change translations, not the texts they come from."""
    if user.is_superuser:
        return False
    groups = set(user.groups.values_list("name", flat=True))
    return settings.TRANSLATORS_GROUP in groups and groups <= {settings.TRANSLATORS_GROUP}
