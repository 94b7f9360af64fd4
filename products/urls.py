from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("products/", views.CatalogueView.as_view(), name="product-list"),
    path("products/<slug:slug>/", views.ProductDetailView.as_view(), name="product-detail"),
    path("collections/<slug:slug>/", views.CollectionDetailView.as_view(), name="collection-detail"),
]
