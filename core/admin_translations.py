"""The admin of translated models: each language's field side by side (modeltranslation), each translation's
status on the form, a "needs French" filter, and Translators who may change translations only."""

from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from .translations import other_languages, translated_fields


def language_name(code):
    return get_language_info(code)["name_translated"]


class NeedsTranslationFilter(admin.SimpleListFilter):
    """Items with a missing or outdated translation in one language."""

    title = _("translation")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [(code, _("needs %(language)s") % {"language": language_name(code)}) for code in other_languages()]

    def queryset(self, request, queryset):
        if self.value() in other_languages():
            return queryset.filter(needs_translation__contains=f" {self.value()} ")
        return queryset


class TranslatedAdmin(TranslationAdmin):
    """Mixed in before the model's own admin base (`class ColorwayAdmin(TranslatedAdmin, SafeAdmin)`)."""

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), NeedsTranslationFilter)

    def get_readonly_fields(self, request, obj=None):
        readonly = (*super().get_readonly_fields(request, obj), "translations")
        if translates_only(request.user):
            editable = {
                build_localized_fieldname(field, code)
                for field in translated_fields(self.model)
                for code in other_languages()
            }
            originals = set(translated_fields(self.model))  # modeltranslation shows their language columns instead
            model_fields = [*self.model._meta.fields, *self.model._meta.many_to_many]
            fields = [
                field.name
                for field in model_fields
                if field.editable and not field.auto_created and field.name not in editable | originals
            ]
            readonly = (*readonly, *fields)
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


def translates_only(user):
    """Whether `user` is a translator and nothing more: may change translations, not the texts they come from."""
    if user.is_superuser:
        return False
    groups = set(user.groups.values_list("name", flat=True))
    return settings.TRANSLATORS_GROUP in groups and groups <= {settings.TRANSLATORS_GROUP}
