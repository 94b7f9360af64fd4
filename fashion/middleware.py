"""Which language a request is in: the address's for visitors' pages, the editor's browser's in the admin."""

from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.http import split_header_value


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with two differences.

    - The admin is in the language the editor's browser asks for (or the `django_language` cookie), among
      LANGUAGES. With an unprefixed default language, Django gives every address outside `i18n_patterns` the
      default language; the admin is never cached and has one address per screen, so it can follow the person.
    - Visitors' pages do not say `Vary: Accept-Language`: their language is the address's (`/fr/…`), whatever
      the browser asks, and the header would split every shared cache in front (a CDN) by browser language.
    """

    admin_prefix = None

    def is_admin(self, request):
        if self.admin_prefix is None:  # the URLconf is loaded by the first request, not at start-up
            self.admin_prefix = reverse("admin:index")
        return request.path_info.startswith(self.admin_prefix)

    def process_request(self, request):
        super().process_request(request)
        if self.is_admin(request):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not self.is_admin(request) and response.has_header("Vary"):
            kept = [value for value in split_header_value(response["Vary"]) if value.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
