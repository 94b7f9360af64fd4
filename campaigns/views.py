"""Visitors' pages of campaigns, series and ambassadors."""

from django.views.generic import DetailView, ListView

from core.addresses import SlugAddressMixin
from core.cache_tags import shows_lists, shows_scope
from core.pagination import ForgivingPaginationMixin
from core.preview import PreviewableMixin
from products.models import Product

from .models import Ambassador, Campaign, CampaignSeries
from .seo import ambassador_jsonld, campaign_jsonld


class CampaignListView(ForgivingPaginationMixin, ListView):
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = 24

    def get_queryset(self):
        shows_lists(Campaign)
        return Campaign.objects.published().for_listing()


class CampaignDetailView(SlugAddressMixin, PreviewableMixin, DetailView):
    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def base_queryset(self):
        return Campaign.objects.for_page()

    def get_context_data(self, **kwargs):
        shows_scope(Campaign, series=self.object.series_id)
        siblings = (
            Campaign.objects.published().filter(series=self.object.series).exclude(pk=self.object.pk).for_listing()
        )
        campaign = self.object
        return super().get_context_data(
            other_installments=siblings,
            og_image=campaign.hero_image.url if campaign.hero_image else "",
            jsonld=campaign_jsonld(campaign, self.request),
            **kwargs,
        )


class SeriesDetailView(SlugAddressMixin, PreviewableMixin, DetailView):
    template_name = "campaigns/campaignseries_detail.html"
    context_object_name = "series"

    def base_queryset(self):
        return CampaignSeries.objects.select_related("brand")

    def get_context_data(self, **kwargs):
        installments = Campaign.objects.published().filter(series=self.object).for_listing()
        return super().get_context_data(installments=installments, **kwargs)


class AmbassadorListView(ForgivingPaginationMixin, ListView):
    template_name = "campaigns/ambassador_list.html"
    context_object_name = "ambassadors"
    paginate_by = 48

    def get_queryset(self):
        shows_lists(Ambassador)
        return Ambassador.objects.published().select_related("brand")


class AmbassadorDetailView(SlugAddressMixin, PreviewableMixin, DetailView):
    template_name = "campaigns/ambassador_detail.html"
    context_object_name = "ambassador"

    def base_queryset(self):
        return Ambassador.objects.select_related("brand")

    def get_context_data(self, **kwargs):
        campaigns = Campaign.objects.published().filter(ambassadors=self.object).for_listing()
        products = Product.objects.published().filter(campaigns__in=campaigns).distinct().for_listing()
        person = self.object
        return super().get_context_data(
            campaigns=campaigns,
            products=products,
            og_image=person.portrait.url if person.portrait else "",
            jsonld=ambassador_jsonld(person, self.request),
            **kwargs,
        )
