"""The campaigns' datasets: installments and ambassadors."""

from django.conf import settings

from core.exports.columns import TimeColumn
from core.exports.datasets import Exporter, joined, register, slug_url_builder, visibility, with_children

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
        "visibility",
        TimeColumn("publish_at"),
        TimeColumn("unpublish_at"),
        "url",
    ]
    brand_path = "series__brand"

    def rows(self, queryset):
        main = queryset.annotate(visible=visibility()).values_list(
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
            "visible",
            "publish_at",
            "unpublish_at",
        )
        rows = with_children(
            main,
            ambassadors=lambda ids: (
                Campaign.ambassadors.through.objects.filter(campaign__in=ids)
                .order_by("campaign_id", "ambassador__name")
                .values_list("campaign_id", "ambassador__name")
            ),
            products=lambda ids: (
                CampaignProduct.objects.filter(campaign__in=ids)
                .order_by("campaign_id", "order", "pk")
                .values_list("campaign_id", "product__name")
            ),
            credits=lambda ids: (
                Credit.objects.filter(campaign__in=ids)
                .order_by("campaign_id", "order", "pk")
                .values_list("campaign_id", "role", "name")
            ),
        )
        url = slug_url_builder(self.base_url, "campaigns:campaign-detail")
        for (_, series, title, slug, launch, photographer, video_file, video_url, concept, *publishing), lists in rows:
            video = f"{self.base_url}{settings.MEDIA_URL}{video_file}" if video_file else embed_url(video_url)
            yield [
                series,
                title,
                slug,
                launch,
                joined(lists["ambassadors"]),
                joined(lists["products"]),
                photographer,
                joined(f"{role}: {name}" for role, name in lists["credits"]),
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
        "visibility",
        TimeColumn("publish_at"),
        TimeColumn("unpublish_at"),
        "url",
    ]

    def rows(self, queryset):
        main = queryset.annotate(visible=visibility()).values_list(
            "pk",
            "name",
            "slug",
            "brand__name",
            "appointed_in",
            "role",
            "status",
            "visible",
            "publish_at",
            "unpublish_at",
        )
        rows = with_children(
            main,
            campaigns=lambda ids: (
                Campaign.ambassadors.through.objects.filter(ambassador__in=ids)
                .order_by("ambassador_id", "campaign__launch_date", "campaign__title")
                .values_list("ambassador_id", "campaign__title")
            ),
        )
        url = slug_url_builder(self.base_url, "campaigns:ambassador-detail")
        for (_, name, slug, brand, year, role, *publishing), lists in rows:
            yield [name, slug, brand, year, role, joined(lists["campaigns"]), *publishing, url(slug)]
