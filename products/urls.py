"""The catalogue's URLs. The product page (`products:product-detail`) shows campaigns too, so the site layer adds
it to this namespace (fashion/urls.py)."""

from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("products/", views.CatalogueView.as_view(), name="product-list"),
    path("collections/<slug:slug>/", views.CollectionDetailView.as_view(), name="collection-detail"),
]
