"""The campaigns' datasets: installments and ambassadors."""

from django.conf import settings

from core.exports.columns import Column, joined, joined_list
from core.exports.datasets import PUBLISHING_COLUMNS, Exporter, register
from core.translations import text_in_language

from .models import Ambassador, Campaign, CampaignProduct, Credit, embed_url


@register
class CampaignExporter(Exporter):
    name = "campaigns"
    model = Campaign
    public_url = "campaigns:campaign-detail"
    columns = [
        Column("series", "series__name"),
        Column("title"),
        Column("slug"),
        Column("launch_date"),
        Column("summary"),
        Column("ambassadors", value=joined_list("ambassadors")),
        Column("featured_products", value=joined_list("products")),
        Column("photographer", "series__photographer"),
        Column("credits", value=lambda row: joined(f"{role}: {name}" for role, name in row["credits"])),
        Column("video", value="video_link", reads=["video_file", "video_url"]),
        Column("video_concept"),
        *PUBLISHING_COLUMNS,
    ]
    children = {
        "ambassadors": lambda ids: (
            Campaign.ambassadors.through.objects.filter(campaign__in=ids)
            .order_by("campaign_id", "ambassador__name")
            .values_list("campaign_id", "ambassador__name")
        ),
        "products": lambda ids: (
            CampaignProduct.objects.filter(campaign__in=ids)
            .order_by("campaign_id", "order", "pk")
            .values_list("campaign_id", text_in_language(CampaignProduct, "product__name"))
        ),
        "credits": lambda ids: (
            Credit.objects.filter(campaign__in=ids)
            .order_by("campaign_id", "order", "pk")
            .values_list("campaign_id", text_in_language(Credit, "role"), "name")
        ),
    }
    brand_path = "series__brand"

    def video_link(self, row):
        """The uploaded film's address, or the embed address of the hosted one."""
        if row["video_file"]:
            return f"{self.base_url}{settings.MEDIA_URL}{row['video_file']}"
        return embed_url(row["video_url"])


@register
class AmbassadorExporter(Exporter):
    name = "ambassadors"
    model = Ambassador
    public_url = "campaigns:ambassador-detail"
    columns = [
        Column("name"),
        Column("slug"),
        Column("brand", "brand__name"),
        Column("appointed_in"),
        Column("role"),
        Column("bio"),
        Column("campaigns", value=joined_list("campaigns")),
        *PUBLISHING_COLUMNS,
    ]
    children = {
        "campaigns": lambda ids: (
            Campaign.ambassadors.through.objects.filter(ambassador__in=ids)
            .order_by("ambassador_id", "campaign__launch_date", "campaign__title")
            .values_list("ambassador_id", text_in_language(Campaign.ambassadors.through, "campaign__title"))
        ),
    }
