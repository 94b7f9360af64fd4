"""Whole-page caching of anonymous visitors' pages, correct to the second, stale only where something changed.

A page is stored under its request (scheme, host, language, path, sorted query) with the content version read
before it was built, the tags of what it shows (core/cache_tags.py) and the moment it must end. It is served
while none of its tags has a newer stamp and that moment has not come. So:

- an edit, publish or unpublish makes stale only the pages that show what it touched, on every worker;
- a scheduled publish or unpublish is never served late or early: a page ends at the next scheduled change of
  anything it shows or lists (`expiry`), computed when it is built;
- concurrent requests for one stale page build it once; the others wait for it (`build_once`);
- editors (anyone with a session cookie), visitors with a pending message and previews are never served from,
  or stored in, the cache.

The same rules keep costly data that many pages share (`cached_data`: the catalogue's facet counts).
Everything public goes through it except the paths in PAGE_CACHE_SKIP.
"""

import datetime
import hashlib
import math
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import set_response_etag

from . import cache_tags
from .near_cache import NearCache
from .publishing import scheduled_items

# A visitor holding a flash message (django.contrib.messages' cookie) must see it, not a cached page.
MESSAGES_COOKIE = "messages"
# Longer than any page takes to build (expiry: a moment passed during a build still ends the page).
LONGEST_BUILD = datetime.timedelta(seconds=60)
# Campaign-tracking parameters no page reads (drop_tracking_parameters).
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = ("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl")
# How long a request waits for another worker building the same page before building it too.
BUILD_WAIT_SECONDS = 5.0
BUILD_POLL_SECONDS = 0.02


# --- When a page must end ------------------------------------------------------------------------------------


def schedule():
    """{tag: (moments it changes, soonest first)} for the scheduled changes of the next two page lifetimes.

    Every moment, not only the first: an item going live and coming down within the window, or two launches
    touching the same list, each end the pages showing them. Kept per content version (scheduling is an edit)
    and rebuilt once the first lifetime has passed, so a page built before then (and ending at most one lifetime
    later) finds every moment it can live through.
    """
    version = cache_tags.current_version()
    key = f"page-schedule:{version}"
    now = timezone.now()
    kept = cache.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    horizon = datetime.timedelta(seconds=2 * settings.PAGE_CACHE_SECONDS)
    moments = {}
    with cache_tags.not_recorded():
        # From a little before now: a build that started before a moment and asks after it must still see it.
        for moment, item in scheduled_items(now - LONGEST_BUILD, now + horizon):
            for tag in cache_tags.tags_for_item(item):
                moments.setdefault(tag, set()).add(moment)
    moments = {tag: tuple(sorted(found)) for tag, found in moments.items()}
    renew_at = now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    cache.set(key, (renew_at, moments), settings.PAGE_CACHE_SECONDS)
    return moments


def expiry(tags, now=None):
    """The epoch second a page built from `now` on with `tags` must end: PAGE_CACHE_SECONDS after `now`, or the
    first scheduled change after `now` of anything it shows, whichever comes first.

    `now` is when the build started: a change falling while the page was built ends it at once (it is not kept).
    """
    now = now or timezone.now()
    moments = schedule()
    ends = [now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)]
    for tag in tags & moments.keys():
        ends += [next((moment for moment in moments[tag] if moment > now), ends[0])]
    return min(ends).timestamp()


# --- Entries -------------------------------------------------------------------------------------------------


def fresh(entry):
    """Whether an entry (value, version built at, tags, epoch end) may be served: its end has not come and none
    of its tags was stamped since it was built. One read of the version when nothing changed."""
    _, built_at, tags, ends = entry
    if time.time() >= ends:
        return False
    version = cache_tags.current_version()  # read before the stamps: an edit committed after it is newer
    return version == built_at or not tags & cache_tags.changed_since(built_at, version)


def build(compute):
    """(value, entry) for `compute()`, recording what it shows."""
    version = cache_tags.current_version()  # before building: an edit committed meanwhile is newer
    started = timezone.now()  # likewise: a scheduled change falling during the build ends the page at once
    with cache_tags.Recording() as tags:
        value = compute()
    return value, (value, version, frozenset(tags), expiry(tags, started))


def store(key, entry):
    """Keep an entry until it ends (its end is checked to the instant on every read)."""
    lifetime = entry[3] - time.time()
    if lifetime > 0:
        cache.set(key, entry, math.ceil(lifetime))


def lookup(key, near=None):
    """A fresh entry for `key` from this worker's near cache or the shared cache, or None."""
    entry = near.get(key) if near else None
    if entry is not None:
        if fresh(entry):
            return entry
        near.discard(key)
    entry = cache.get(key)
    if entry is not None and fresh(entry):
        if near:
            near.put(key, entry)
        return entry
    return None


def build_once(key, compute, keep=lambda value: True, near=None):
    """A fresh entry for `key`: from the cache, or built here while concurrent requests for it wait.

    Returns (value, hit). `keep(value)` says whether a built value may be stored; `near` (core/near_cache.py) is
    this worker's own copy of what it serves, checked first and under the same freshness rule.
    """
    entry = lookup(key, near)
    if entry is not None:
        cache_tags.record(entry[2])
        return entry[0], True
    lock = f"{key}:building"
    if not cache.add(lock, 1, int(BUILD_WAIT_SECONDS) + 1):
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(BUILD_POLL_SECONDS)
            entry = lookup(key, near)
            if entry is not None:
                cache_tags.record(entry[2])
                return entry[0], True
            if cache.get(lock) is None:
                break  # built but not kept (a 404, a preview), or the builder failed
        lock = None  # build this one here too
    try:
        value, entry = build(compute)
        if keep(value):
            store(key, entry)
            if near:
                near.put(key, entry)
        return value, False
    finally:
        if lock:
            cache.delete(lock)


def cached_data(key, compute):
    """`compute()`, kept like a page: until something it was built from changes, or its next scheduled change.

    For costly parts of a page (the catalogue's facet counts) that many different pages share. The tags of
    what it read become the page's tags too.
    """
    key = f"data:{hashlib.sha256(f'{key}|{translation.get_language()}'.encode()).hexdigest()}"
    return build_once(key, compute)[0]


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


def is_tracking(name):
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_PARAMETERS


def drop_tracking_parameters(request):
    """Take campaign-tracking parameters (`utm_source`, `fbclid`…) out of the request before the page is built:
    no page reads them (analytics read them in the browser), so a newsletter's links share the cached page instead
    of each building and storing one, and the page's own links do not carry them on."""
    if any(is_tracking(name) for name in request.GET):
        kept = [(name, value) for name, values in request.GET.lists() if not is_tracking(name) for value in values]
        request.META["QUERY_STRING"] = urlencode(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"])


NUMBERED = ("page", "p")
LONGEST_VALUE = 100


def plain_query(request):
    """Whether the request's query holds only what its page reads (PAGE_CACHE_PARAMETERS, by URL name), in plain
    form: page numbers as written by the page's own links, values no longer than a search box takes."""
    if not request.GET:
        return True
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        return False
    allowed = settings.PAGE_CACHE_PARAMETERS.get(name, ())
    for parameter, values in request.GET.lists():
        if parameter not in allowed or len(values) > 20:
            return False
        for value in values:
            plain_number = value.isdigit() and value == str(int(value)) and int(value) > 0
            if len(value) > LONGEST_VALUE or (parameter in NUMBERED and not plain_number):
                return False
    return True


class PageCacheMiddleware:
    """Serve and store anonymous GET/HEAD pages; see the module docstring for the rules.

    Sits below ConditionalGetMiddleware (so cached pages still answer
    If-None-Match with a 304) and above everything per-user.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.release = release_fingerprint()
        # This worker's copy of the pages it serves most (core/near_cache.py), weighed by their bytes.
        limit = settings.PAGE_CACHE_NEAR_MB * 2**20
        self.near = NearCache(limit, weigh=lambda entry: len(entry[0][0]) + 1024) if limit else None

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        drop_tracking_parameters(request)
        if not plain_query(request):
            # Built, never kept: made-up query strings must not fill the cache and push out the real pages.
            return self.get_response(request)
        page, hit = build_once(
            self.key(request), lambda: self.render(request), keep=lambda page: page[2], near=self.near
        )
        content, headers, cacheable = page
        if not cacheable:
            return content  # the response itself, as built
        return HttpResponse(content, headers=headers | {"X-Page-Cache": "hit" if hit else "miss"})

    def render(self, request):
        """(content, headers, True) of the page built for this request, or (response, None, False) when it may
        not be kept."""
        response = self.get_response(request)
        if not self.is_cacheable_response(response):
            return response, None, False
        set_response_etag(response)
        # Bytes and headers, not the response object: a third cheaper to load on every hit.
        return response.content, dict(response.headers), True

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

    def key(self, request):
        query = sorted(request.GET.lists())
        # `page_variant`: what else a page depends on, set by a middleware above this one (the visitor's market).
        variant = getattr(request, "page_variant", "")
        where = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{request.LANGUAGE_CODE}|{variant}"
        return f"page:{self.release}:{hashlib.sha256(where.encode()).hexdigest()}"
