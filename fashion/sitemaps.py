"""/sitemap.xml: every published page, and nothing else."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaigns.models import Ambassador, Campaign, CampaignSeries
from products.models import Collection, Product


class PublishedSitemap(Sitemap):
    """One section per publishable model; lastmod is the item's last edit."""

    model = None
    limit = 5000

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProductSitemap(PublishedSitemap):
    model = Product


class CollectionSitemap(PublishedSitemap):
    model = Collection


class CampaignSitemap(PublishedSitemap):
    model = Campaign


class SeriesSitemap(PublishedSitemap):
    model = CampaignSeries


class AmbassadorSitemap(PublishedSitemap):
    model = Ambassador


class StaticSitemap(Sitemap):
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
