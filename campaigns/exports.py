"""The campaigns' datasets: installments and ambassadors."""

from django.conf import settings

from fashion.exports.datasets import CHUNK_SIZE, ChildValues, Exporter, joined, register, slug_url_builder

from .models import Ambassador, Campaign, CampaignProduct, Credit, embed_url


@register
class CampaignExporter(Exporter):
    name = "campaigns"
    model = Campaign
    header = [
        "series",
        "title",
        "slug",
        "launch_date",
        "ambassadors",
        "featured_products",
        "photographer",
        "credits",
        "video",
        "video_concept",
        "status",
        "publish_at",
        "unpublish_at",
        "url",
    ]
    brand_path = "series__brand"

    def rows(self, queryset):
        ids = self.ids_of(queryset)
        ambassadors = ChildValues(
            Campaign.ambassadors.through.objects.filter(campaign__in=ids)
            .order_by("campaign_id", "ambassador__name")
            .values_list("campaign_id", "ambassador__name")
            .iterator(CHUNK_SIZE)
        )
        products = ChildValues(
            CampaignProduct.objects.filter(campaign__in=ids)
            .order_by("campaign_id", "order", "pk")
            .values_list("campaign_id", "product__name")
            .iterator(CHUNK_SIZE)
        )
        credits = ChildValues(
            Credit.objects.filter(campaign__in=ids)
            .order_by("campaign_id", "order", "pk")
            .values_list("campaign_id", "role", "name")
            .iterator(CHUNK_SIZE)
        )
        main = queryset.order_by("pk").values_list(
            "pk",
            "series__name",
            "title",
            "slug",
            "launch_date",
            "series__photographer",
            "video_file",
            "video_url",
            "video_concept",
            "status",
            "publish_at",
            "unpublish_at",
        )
        url = slug_url_builder(self.base_url, "campaigns:campaign-detail")
        for pk, series, title, slug, launch, photographer, video_file, video_url, concept, *publishing in main.iterator(
            CHUNK_SIZE
        ):
            video = f"{self.base_url}{settings.MEDIA_URL}{video_file}" if video_file else embed_url(video_url)
            yield [
                series,
                title,
                slug,
                launch,
                joined(ambassadors.take(pk)),
                joined(products.take(pk)),
                photographer,
                joined(f"{role}: {name}" for role, name in credits.take(pk)),
                video,
                concept,
                *publishing,
                url(slug),
            ]


@register
class AmbassadorExporter(Exporter):
    name = "ambassadors"
    model = Ambassador
    header = [
        "name",
        "slug",
        "brand",
        "appointed_in",
        "role",
        "campaigns",
        "status",
        "publish_at",
        "unpublish_at",
        "url",
    ]

    def rows(self, queryset):
        campaigns = ChildValues(
            Campaign.ambassadors.through.objects.filter(ambassador__in=self.ids_of(queryset))
            .order_by("ambassador_id", "campaign__launch_date", "campaign__title")
            .values_list("ambassador_id", "campaign__title")
            .iterator(CHUNK_SIZE)
        )
        main = queryset.order_by("pk").values_list(
            "pk", "name", "slug", "brand__name", "appointed_in", "role", "status", "publish_at", "unpublish_at"
        )
        url = slug_url_builder(self.base_url, "campaigns:ambassador-detail")
        for pk, name, slug, brand, year, role, *publishing in main.iterator(CHUNK_SIZE):
            yield [name, slug, brand, year, role, joined(campaigns.take(pk)), *publishing, url(slug)]
