from django.apps import AppConfig


class FashionConfig(AppConfig):
    """The site layer: settings, root URLs, site-wide pages, search, sitemaps, the editorial roles."""

    name = "fashion"
    verbose_name = "Maison site"
