from django.apps import AppConfig


class FashionConfig(AppConfig):
    """Site-wide pages and the pieces every app shares (publishing, exports)."""

    name = "fashion"
    verbose_name = "Maison"

    def ready(self):
        from .exports.datasets import autodiscover
        from .page_cache import CONTENT_APPS, connect_invalidation
        from .uploads import connect_file_cleanup

        autodiscover()
        connect_invalidation()
        connect_file_cleanup(CONTENT_APPS)
