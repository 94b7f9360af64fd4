"""Which catalogue texts are translated (django-modeltranslation): one column per language of LANGUAGES
(`name_en`, `name_fr`), the plain field (`name`) reading the visitor's language and falling back to the default."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, Colorway, Material, Size


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Colorway)
class ColorwayTranslation(TranslationOptions):
    fields = ("name",)


@register(Size)
class SizeTranslation(TranslationOptions):
    fields = ("name",)


@register(Material)
class MaterialTranslation(TranslationOptions):
    fields = ("name",)
