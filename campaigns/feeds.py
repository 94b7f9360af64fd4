"""/campaigns/feed/: an Atom feed of published installments."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.cache_tags import shows_edits

from .models import Campaign


class CampaignFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("campaigns:campaign-list")
    subtitle = _("New campaign installments.")

    def title(self):
        return _("%(site)s campaigns") % {"site": settings.SITE_NAME}

    def items(self):
        shows_edits(Campaign)  # each entry shows its summary and when it last changed
        return Campaign.objects.published().select_related("series")[:30]

    def item_title(self, item):
        return f"{item.series.name}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.publish_at or item.created_at
