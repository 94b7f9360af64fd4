from django.apps import AppConfig


class FashionConfig(AppConfig):
    """Site-wide pages and shared pieces; holds no models of its own."""

    name = "fashion"
    verbose_name = "Maison"
