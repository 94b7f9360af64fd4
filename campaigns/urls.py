from django.urls import path

from . import feeds, views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="campaign-list"),
    path("campaigns/feed/", feeds.CampaignFeed(), name="campaign-feed"),
    path("campaigns/series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series-detail"),
    path("campaigns/<slug:slug>/", views.CampaignDetailView.as_view(), name="campaign-detail"),
    path("ambassadors/", views.AmbassadorListView.as_view(), name="ambassador-list"),
    path("ambassadors/<slug:slug>/", views.AmbassadorDetailView.as_view(), name="ambassador-detail"),
]
