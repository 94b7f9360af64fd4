"""The root URLconf: the public URLs of ../shared/design.md."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

import products.urls
from core import preview
from core.media import media_urlpatterns
from products.views import choose_market

from . import views
from .product_page import ProductDetailView
from .sitemaps import SITEMAPS

admin.site.site_header = admin.site.site_title = _("Maison")
# The app list is one click away (Home); without the sidebar, wide lists and inlines get the room they need.
admin.site.enable_nav_sidebar = False
admin.site.index_title = _("Content")

# The catalogue's own URLs, and the product page, which shows campaigns too (fashion/product_page.py).
catalogue_urls = (
    [*products.urls.urlpatterns, path("products/<slug:slug>/", ProductDetailView.as_view(), name="product-detail")],
    products.urls.app_name,
)

# Site-wide addresses, the same in every language.
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path("healthz", views.healthz, name="healthz"),
    # The visitor's market: a cookie, the same address in every language (products/markets.py).
    path("market/", choose_market, name="choose-market"),
    path("preview/<str:token>/", preview.shared_preview, name="shared-preview"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The export log and share links moved from the `fashion` app to `core` (issue 11): old bookmarks still work.
    path("admin/fashion/<path:rest>", RedirectView.as_view(url="/admin/core/%(rest)s", query_string=True)),
    path("admin/", admin.site.urls),
    *media_urlpatterns(),
]

# Visitors' pages, once per language: the default language unprefixed (`/products/`), the others under their
# code (`/fr/products/`). LocaleMiddleware takes the language from the address only, so one address is one
# language for every visitor and every cache.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("", include(catalogue_urls)),
    path("", include("campaigns.urls")),
    prefix_default_language=False,
)
