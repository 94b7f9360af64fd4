from django.apps import AppConfig


class FashionConfig(AppConfig):
    """Site-wide pages and the pieces every app shares (publishing, exports)."""

    name = "fashion"
    verbose_name = "Maison"

    def ready(self):
        from .exports.datasets import autodiscover
        from .page_cache import connect_invalidation

        autodiscover()
        connect_invalidation()
