from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared base every app builds on: publishing, page cache, pictures, conflicts, previews, exports.

    It imports none of our apps; the apps whose models are public content are named in settings
    (CONTENT_APPS), not here.
    """

    name = "core"
    verbose_name = "Maison"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache_tags
        from .exports.datasets import autodiscover
        from .uploads import connect_file_cleanup

        autodiscover()
        cache_tags.connect()
        connect_file_cleanup()
