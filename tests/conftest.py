import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads and generated pictures go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache. Its database starts over too, so content versions repeat between
    tests: what a worker remembers per pair of versions is forgotten as well (core/cache_tags.py)."""
    from core.cache_tags import changed_since

    cache.clear()
    changed_since.cache_clear()
    yield
    cache.clear()
    changed_since.cache_clear()


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language. A request under `/fr/` activates French in the thread that
    served it, and a test client serves in the test's own thread: without this, the next test's URLs would be
    reversed in French."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def count_queries():
    """Number of queries one GET of `url` makes when built from nothing (after asserting it returns 200): the
    cache is emptied first and each GET comes to a new worker (a client of its own, whose near cache is empty),
    so a count never depends on whether an older copy was there to be found stale."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def count(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(url)
        assert response.status_code == 200, url
        return len(captured)

    return count
