"""Site-wide pages: home, search, robots.txt and the health check."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from campaigns.models import Ambassador, Campaign
from core.cache_tags import shows_lists, shows_page
from products.filters import clean_query_data
from products.models import Product

from . import search as site_search


@require_safe
def home(request):
    """The current campaign, featured products and the ambassadors."""
    shows_lists(Campaign, Product, Ambassador)
    campaigns = Campaign.objects.published().featured_products()
    current = campaigns.first()
    if current:
        shows_page(current)  # its summary, which its own page shows too
    products = current.products.all()[:8] if current else []
    if not products:
        products = Product.objects.published().for_listing().order_by("-debut_date", "-pk")[:8]
    context = {
        "current_campaign": current,
        "featured_products": products,
        "ambassadors": Ambassador.objects.published().select_related("brand")[:12],
        "og_image": current.hero_image.url if current and current.hero_image else "",
        "jsonld": [
            {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": request.build_absolute_uri(reverse("home")),
                "logo": request.build_absolute_uri(static("favicon.svg")),
            }
        ],
    }
    return render(request, "home.html", context)


@require_safe
def search(request):
    """/search/?q=: one search over products, campaigns and ambassadors, grouped by type."""
    query = clean_query_data(request.GET).get("q", "").strip()[:100]
    results = site_search.search(query)
    context = {"query": query, "results": results, "suggestion": site_search.suggestion(query, results)}
    return render(request, "search.html", context)


@require_safe
def robots_txt(request):
    searches = []
    for code, _name in settings.LANGUAGES:  # search results are endless and thin, in every language
        with translation.override(code):
            searches.append(f"Disallow: {reverse('search')}")
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        *searches,
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's).

    A view, not a URLconf-time static() call: the hashed name is only known
    once collectstatic has run, and `manage.py migrate` must work before that.
    """
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
@require_safe
def healthz(request):
    """Liveness: 200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not alive"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
