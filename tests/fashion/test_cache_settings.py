"""CACHE_URL picks the cache every worker shares: files by default, django-redis for redis:// (fashion/settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def cache_settings(**environment):
    code = "import json; from fashion import settings; print(json.dumps(settings.CACHES['default'], default=str))"
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"} | environment
    env |= {"DJANGO_SETTINGS_MODULE": "fashion.settings", "SECRET_KEY": "x", "DEBUG": "false"}
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def test_the_default_is_a_file_cache_sized_in_settings(tmp_path):
    cache = cache_settings(CACHE_DIR=str(tmp_path), CACHE_MAX_ENTRIES="5000")
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"].rstrip("/") == str(tmp_path)
    assert cache["OPTIONS"] == {"MAX_ENTRIES": 5000}


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/1", "rediss://cache.internal:6380/2"])
def test_redis_goes_through_django_redis_with_no_file_cache_options(url):
    cache = cache_settings(CACHE_URL=url)
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert "MAX_ENTRIES" not in cache.get("OPTIONS", {})
