"""Which campaign texts are translated (django-modeltranslation); see products/translation.py. A person's name,
a photographer's and a credit's name are the same in every language."""

from django.db.models import NOT_PROVIDED
from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname

from core.translations import other_languages, register_history
from products.translation import SLUG_EMPTY

from .models import Ambassador, Campaign, CampaignImage, CampaignSeries, Credit


@register(Ambassador)
class AmbassadorTranslation(TranslationOptions):
    fields = ("role", "portrait_alt", "bio")


# The role's default ("Brand ambassador") is the default language's text; modeltranslation gives every language
# column the same default, which would pass English off as a French translation. Other languages start empty.
for code in other_languages():
    Ambassador._meta.get_field(build_localized_fieldname("role", code)).default = NOT_PROVIDED


@register(CampaignSeries)
class CampaignSeriesTranslation(TranslationOptions):
    fields = ("name", "slug", "description")
    empty_values = SLUG_EMPTY


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "hero_alt", "wardrobe", "video_concept")
    empty_values = SLUG_EMPTY


@register(Credit)
class CreditTranslation(TranslationOptions):
    fields = ("role",)


@register(CampaignImage)
class CampaignImageTranslation(TranslationOptions):
    fields = ("alt_text",)


for model in (Ambassador, CampaignSeries, Campaign):
    register_history(model, excluded_fields=["updated_at"], user_related_name="+")
register_history(CampaignImage, excluded_fields=["width", "height"], user_related_name="+")
