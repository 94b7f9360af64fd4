"""/sitemap.xml: an index of one sitemap per section, every published page and its pictures, nothing else.

Each page is listed in every language with its alternates (<xhtml:link hreflang>), and each page's pictures go
in as Google's image extension (<image:image>), so a product's gallery and a campaign's photographs are found by
image search.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from campaigns.models import Ambassador, Campaign, CampaignSeries
from core.cache_tags import shows_edits
from products.models import Collection, Product


class LanguagesSitemap(Sitemap):
    """Each page once per language of LANGUAGES, each listing the others and x-default as its alternates."""

    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(LanguagesSitemap):
    """One section per publishable model; lastmod is the item's last edit."""

    model = None
    limit = 5000
    prefetch = ()

    def items(self):
        shows_edits(self.model)  # every edit moves an item's <lastmod>; a picture's its <image:image>
        return self.model.objects.published().prefetch_related(*self.prefetch).order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate, not a walk over every item (the default), for the index's <lastmod>.
        shows_edits(self.model)
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]

    def image_files(self, item):
        """The item's pictures (FieldFile objects) for <image:image>; none by default."""
        return []

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            item = url["item"][0]  # (item, language): each item is listed once per language
            url["images"] = [base + image.url for image in self.image_files(item) if image]
        return urls


class ProductSitemap(PublishedSitemap):
    model = Product
    prefetch = ("images",)

    def image_files(self, item):
        return [picture.image for picture in item.images.all()]


class CollectionSitemap(PublishedSitemap):
    model = Collection


class CampaignSitemap(PublishedSitemap):
    model = Campaign
    prefetch = ("gallery",)

    def image_files(self, item):
        return [item.hero_image, *(picture.image for picture in item.gallery.all())]


class SeriesSitemap(PublishedSitemap):
    model = CampaignSeries


class AmbassadorSitemap(PublishedSitemap):
    model = Ambassador

    def image_files(self, item):
        return [item.portrait]


class StaticSitemap(LanguagesSitemap):
    def items(self):
        return ["home", "products:product-list", "campaigns:campaign-list", "campaigns:ambassador-list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticSitemap,
    "products": ProductSitemap,
    "collections": CollectionSitemap,
    "campaigns": CampaignSitemap,
    "series": SeriesSitemap,
    "ambassadors": AmbassadorSitemap,
}
