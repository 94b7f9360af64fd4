"""Maison settings: one file, driven by the environment.

Production differs from a laptop only by environment variables (README,
"Configuration"). A `.env` file at the project root is read when present.
Defaults are the safe ones: DEBUG off, secure cookies and HTTPS redirects on.
A local HTTP run turns them off explicitly (`make demo` does).
"""

import datetime
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# Required when DEBUG is off; a throwaway key is only acceptable for local runs.
SECRET_KEY = env.str("SECRET_KEY") if not DEBUG else env.str("SECRET_KEY", default="django-insecure-local-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Content in every language of LANGUAGES: one column per language on the same row (docs/decisions.md).
    # Before the admin, so its admin classes are in place when the admin autodiscovers.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # {{ n|intcomma }}: counts written the visitor's way ("1,234", "1 234")
    # Full-text and trigram search on PostgreSQL (fashion/search.py); inert on SQLite.
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "simple_history",
    "core",
    "fashion",
    "products",
    "campaigns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise serves compressed, far-future-cached static files from gunicorn
    # itself, so a single machine needs no separate web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Visitors' pages: the language of the address (/fr/…). The admin: the editor's browser's (fashion/middleware.py).
    "fashion.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag and If-None-Match/If-Modified-Since on pages: a revisit costs a 304, not a page.
    "django.middleware.http.ConditionalGetMiddleware",
    # The visitor's market (a cookie they chose): prices and what is listed; pages are kept per market.
    "products.middleware.MarketMiddleware",
    # Whole anonymous pages from the cache, invalidated on any content change
    # and never kept past the next scheduled publish (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Records who made each change in the history of public content.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Admin login throttling (django-axes): 5 failures for one username from one
# address lock that pair out for 15 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_RESET_ON_SUCCESS = True
# Keep every failed login for the security log, not only the counters.
AXES_ENABLE_ACCESS_FAILURE_LOG = True

ROOT_URLCONF = "fashion.urls"
WSGI_APPLICATION = "fashion.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------
# SQLite file in the project by default; PostgreSQL in production, e.g.
# DATABASE_URL=postgres://maison@db.internal:5432/maison
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several editors and a long export at once on the embedded default: WAL lets readers and one writer
    # work side by side (an export no longer blocks saves and logins), and IMMEDIATE takes the write lock
    # when a transaction begins, so a read-then-write transaction waits its turn (busy_timeout) instead
    # of failing with "database is locked" (tests/fashion/test_sqlite_concurrency.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# One cache every worker of this machine shares, on disk, holding the whole site: files under CACHE_DIR, at most
# CACHE_MAX_ENTRIES of them (a page or a piece of page data each). Several machines share Redis instead:
# CACHE_URL=redis://127.0.0.1:6379/1.
CACHE_DIR = env.path("CACHE_DIR", default=BASE_DIR / "data" / "cache")
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{CACHE_DIR}")}
if CACHES["default"]["BACKEND"].endswith(("FileBasedCache", "LocMemCache")):  # Redis bounds itself (maxmemory)
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=20_000))
elif CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # django-redis keeps one client per connection pool; Django's own backend builds a client for every call,
    # which made a cached page's read five times slower (docs/decisions.md).
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
# Whole anonymous pages from the cache (core/page_cache.py); off only to measure building them.
# Apps whose every model is public content (or shapes it: brands, sizes, images...): a change to any of their
# rows makes cached pages stale, and their files are cleaned up with them (core/page_cache.py, core/uploads.py).
CONTENT_APPS = ("products", "campaigns")
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Each worker also keeps the pages it serves most in its own memory, up to this many MiB, checked on every hit
# like the shared copy (core/near_cache.py): a hit then costs no trip to Redis or the disk. 0 turns it off.
PAGE_CACHE_NEAR_MB = env.int("PAGE_CACHE_NEAR_MB", default=32)
# How long a cached page or costly page part (facet counts) is kept at most; 0 keeps nothing.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The query parameters each public page reads, by URL name; a page asked with any other, or with a value that is
# not in its plain form (a page number with leading zeros, a 200-character value), is built but never kept, so
# made-up query strings cannot fill the cache. Campaign-tracking parameters (utm_…) are dropped before the page is
# built (core/page_cache.py).
PAGE_CACHE_PARAMETERS = {
    "products:product-list": ("q", "page", "sort", "category", "collection", "colorway", "size", "material", "price"),
    "products:product-detail": ("colour",),
    "search": ("q",),
    "campaigns:campaign-list": ("page",),
    "campaigns:ambassador-list": ("page",),
    "sitemap-section": ("p",),
}
# Never cached: per-user, one-off or trivial responses.
PAGE_CACHE_SKIP = ("/admin/", "/preview/", "/healthz", "/robots.txt", "/static/", "/media/", "/favicon.ico")
# Part of every page-cache key, so a deploy never serves pages built by the previous release
# (templates and static manifest are fingerprinted too; set this to the commit for code changes).
RELEASE = env.str("RELEASE", default="")

# --- Files ----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The single-machine setup serves uploads from Django even with DEBUG off
# (docs/decisions.md). Turn it off when a web server or object storage does it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Hashed, compressed files from collectstatic in production; straight from the
# app folders when running without collectstatic (local runs, tests).
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# The largest companion film an editor may upload; longer films belong on YouTube or Vimeo.
VIDEO_MAX_MB = env.int("VIDEO_MAX_MB", default=50)
# Uploads above this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Security -------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preload is on so `check --deploy` passes; a house not ready to commit every subdomain to
# HTTPS sets SECURE_HSTS_PRELOAD=false (README, "Production").
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind one reverse proxy that terminates TLS and sets X-Forwarded-Proto and -For.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Django's built-in CSP. Pages need no inline script or style; embedded video
# comes only from the allow-listed, privacy-friendly players.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Tests only (pyproject.toml): a deliberately weak, fast hasher. Never in production.
if env.bool("FAST_PASSWORD_HASHING_FOR_TESTS", default=False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Email ----------------------------------------------------------------
# Django 6.1 mailers. SMTP in production (EMAIL_HOST and friends); the console
# locally so nothing leaves a laptop.
MAILERS = {
    "default": {
        "BACKEND": env.str(
            "EMAIL_BACKEND",
            default=(
                "django.core.mail.backends.console.EmailBackend"
                if DEBUG
                else "django.core.mail.backends.smtp.EmailBackend"
            ),
        ),
        "OPTIONS": (
            {}
            if DEBUG
            else {
                "host": env.str("EMAIL_HOST", default="localhost"),
                "port": env.int("EMAIL_PORT", default=25),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            }
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="maison@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# Members of this group alone may change translations (every language but the default) and nothing else
# (core/admin_translations.py).
TRANSLATORS_GROUP = "Translators"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The house's timezone: the admin shows and takes times in it.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")

# --- Site -----------------------------------------------------------------
SITE_NAME = env.str("SITE_NAME", default="Maison")
# The public address, for links in files made outside a request (manage.py export).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The catalogue's price facet: the steps between bands, per currency, as the house would cut them.
PRICE_BANDS = {
    "EUR": [2000, 4000, 6000],
    "GBP": [2000, 3500, 5000],
    "USD": [2000, 4000, 6000],
    "JPY": [300000, 600000, 900000],
    "CNY": [15000, 30000, 45000],
}
# The market whose prices are the variants' own (products/models/markets.py); visitors without a choice see it.
HOUSE_MARKET = env.str("HOUSE_MARKET", default="europe")
CATALOGUE_PAGE_SIZE = 24
# PostgreSQL text-search configuration for site search, per language: stemming and stop words. A language
# PostgreSQL has no configuration for (Japanese, Chinese, Korean) is searched with `simple` (fashion/search.py).
SEARCH_CONFIG = env.str("SEARCH_CONFIG", default="english")  # the default language's
SEARCH_CONFIGS = {LANGUAGE_CODE: SEARCH_CONFIG, "fr": "french", "it": "italian", "de": "german", "es": "spanish"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
