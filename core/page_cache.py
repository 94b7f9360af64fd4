"""Whole-page caching of anonymous visitors' pages, correct to the second.

A page is cached under a key made of the content version (`ContentVersion`,
bumped in the same transaction as any change to public content), the release
(templates and static manifest) and the request (scheme, host, language, path,
sorted query). So:

- an edit, publish or unpublish makes every cached page stale at once;
- a scheduled publish or unpublish is never served late: a page is kept at
  most until the next `publish_at`/`unpublish_at` of any published item;
- editors (anyone with a session cookie), visitors with a pending message and
  previews are never served from, or stored in, the cache.

Everything public goes through it except the paths in PAGE_CACHE_SKIP.
"""

import hashlib
import math
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import set_response_etag

from .models import ContentVersion
from .publishing import next_scheduled_change

NO_CHANGE_AHEAD = "none"  # cached as such: None would read as a miss
# A visitor holding a flash message (django.contrib.messages' cookie) must see it, not a cached page.
MESSAGES_COOKIE = "messages"


def content_version():
    """The current content version (one indexed read, on every cacheable request)."""
    return ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def bump_content_version(**_signal_kwargs):
    """Make every cached page stale. A signal receiver, also called after bulk writes."""
    if not ContentVersion.objects.filter(pk=1).update(version=models.F("version") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def _is_content_model(model):
    # simple_history's Historical* models live in the same apps but show nothing to visitors.
    return model._meta.app_label in settings.CONTENT_APPS and not model.__name__.startswith("Historical")


def connect_invalidation():
    """Bump the content version on every save, delete and many-to-many change of content."""
    for model in apps.get_models():
        if _is_content_model(model):
            uid = f"page-cache:{model._meta.label}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + ":delete")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(bump_content_version, sender=through, dispatch_uid=f"{uid}:{field.name}")


def page_lifetime(version, now=None):
    """Seconds a page built now may be served: PAGE_CACHE_SECONDS, cut at the next scheduled change.

    The next change is looked up once per content version and remembered until it passes.
    """
    now = now or timezone.now()
    memo_key = f"page-next-change:{version}"
    memo = cache.get(memo_key)
    if memo is None or (memo != NO_CHANGE_AHEAD and memo <= now):
        memo = next_scheduled_change(now) or NO_CHANGE_AHEAD
        cache.set(memo_key, memo, settings.PAGE_CACHE_SECONDS)
    lifetime = settings.PAGE_CACHE_SECONDS
    if memo != NO_CHANGE_AHEAD:
        # Floor: the entry must expire at or before the change, never after.
        lifetime = min(lifetime, math.floor((memo - now).total_seconds()))
    return max(lifetime, 0)


def cached_for_content(key, compute, version=None):
    """`compute()`, kept like a page: until content changes or the next scheduled change, at most.

    For costly parts of a page (the catalogue's facet counts) that many
    different pages share, and that must never be staler than the pages.
    A caller reading several parts passes the `version` it read once, so they all agree.
    """
    version = content_version() if version is None else version
    key = f"{key}|{translation.get_language()}"
    full_key = f"data:{version}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        lifetime = page_lifetime(version)
        if lifetime >= 1:
            cache.set(full_key, value, lifetime)
    return value


def release_fingerprint():
    """Changes when the templates or the static files change, so a deploy never serves old pages."""
    digest = hashlib.sha256(settings.RELEASE.encode())
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


class PageCacheMiddleware:
    """Serve and store anonymous GET/HEAD pages; see the module docstring for the rules.

    Sits below ConditionalGetMiddleware (so cached pages still answer
    If-None-Match with a 304) and above everything per-user.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.release = release_fingerprint()

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        key = self.key(request, version)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers | {"X-Page-Cache": "hit"})
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            lifetime = page_lifetime(version)
            if lifetime >= 1:
                set_response_etag(response)
                # Bytes and headers, not the response object: a third cheaper to load on every hit.
                cache.set(key, (response.content, dict(response.headers)), lifetime)
            response["X-Page-Cache"] = "miss"
        return response

    def is_cacheable_request(self, request):
        return (
            settings.PAGE_CACHE
            and settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE))
            and not request.path.startswith(settings.PAGE_CACHE_SKIP)
        )

    def is_cacheable_response(self, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )

    def key(self, request, version):
        query = sorted(request.GET.lists())
        where = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{request.LANGUAGE_CODE}"
        return f"page:{self.release}:{version}:{hashlib.sha256(where.encode()).hexdigest()}"
