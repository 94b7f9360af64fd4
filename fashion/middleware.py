"""The staff's language in the admin."""

from django.urls import reverse
from django.utils import translation


class AdminLanguageMiddleware:
    """The admin in the language the editor's browser asks for (or the `django_language` cookie), among LANGUAGES.

    Visitors' pages take their language from the address only (`/fr/…`), and with an unprefixed default language
    Django's LocaleMiddleware then gives every other address, the admin included, the default language. The admin
    is never cached and has one address per screen, so it can follow the person instead. Placed after
    LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        self.prefix = self.prefix or reverse("admin:index")
        if request.path_info.startswith(self.prefix):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
