"""Serving uploads from Django in the single-machine setup.

django.contrib.staticfiles' helper only works with DEBUG on; a brand running
one machine still needs its product images with DEBUG off. This view serves
MEDIA_ROOT read-only, refuses paths outside it (django.views.static.serve
does), and lets browsers cache for a day. Multi-machine setups set
SERVE_MEDIA=false and use object storage (docs/decisions.md).
"""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.urls import re_path
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def serve_media(request, path):
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        # "../" tricks: nothing there for a visitor, and not worth an error log.
        raise Http404 from error
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_urlpatterns():
    if not settings.SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media")]
