"""Site-wide pages: the home page, robots.txt, sitemaps, a health check and error pages."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles import structured_data
from articles.cache import HOME
from articles.links import absolute_url
from articles.models import Article
from articles.pagination import ListingPaginator
from articles.queries import latest_by_category
from articles.sitemaps import SECTIONS, NewsSitemap
from foundation import health, pagecache
from foundation.addresses import page_number


@require_safe  # HEAD too, like every other page
def home(request):
    pagecache.depends_on(request, HOME)
    lead = Article.objects.lead_story()
    latest = Article.objects.published().for_listing()
    if lead is not None:
        latest = latest.exclude(pk=lead.pk)
    paginator = ListingPaginator(latest, settings.ARTICLES_PER_PAGE)
    try:
        page = paginator.page(page_number(request))
    except InvalidPage:
        raise Http404("No such page.") from None
    first_page = page.number == 1
    return render(
        request,
        "home.html",
        {
            "lead": lead if first_page else None,
            "page_obj": page,
            "articles": page.object_list,
            "sections": latest_by_category(limit=4) if first_page else [],
            "website_data": structured_data.website(),
        },
    )


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /editor/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request):
    """The sitemap index: every page of every non-empty section, plus Google News.

    Built here rather than with Django's ``index`` view so that the addresses
    use SITE_URL instead of the request's host.
    """
    entries = []
    for section, sitemap_class in [*SECTIONS.items(), ("news", NewsSitemap)]:
        sitemap = sitemap_class()
        # Sitemap.paginator makes a new paginator (and a new COUNT) on every access.
        paginator = sitemap.paginator
        if paginator.count == 0:
            continue  # an empty <urlset> is not a valid sitemap
        name = "sitemap_news" if section == "news" else "sitemap_section"
        kwargs = {} if section == "news" else {"section": section}
        location = absolute_url(reverse(name, kwargs=kwargs))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in range(2, paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )


@require_safe
def sitemap_news(request):
    """The Google News sitemap (articles of the last 48 hours)."""
    urls = NewsSitemap().get_urls()
    return TemplateResponse(
        request,
        "sitemaps/news.xml",
        {
            "urlset": urls,
            "publication_name": settings.SITE_NAME,
            "publication_language": settings.LANGUAGE_CODE.split("-")[0],
        },
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )


@require_safe
def healthz(request):
    """For load balancers; HealthCheckMiddleware normally answers before this view."""
    return health.health_response()


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers, feed readers and the admin ask for /favicon.ico without a link to it."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def media(request, path):
    """Uploaded files, for sites without a web server in front (SERVE_MEDIA).

    MEDIA_ROOT is read on each request, not when the URLs are loaded, so a
    changed setting (as in the tests, which give each test its own folder) holds.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def hello(request):
    """Only with BENCHMARK_HELLO: the smallest Django answer, the benchmark's yardstick."""
    return HttpResponse("Hello, world", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def plain_error(template_name: str, status: int) -> HttpResponse:
    """An error page without context processors, database or request.

    Whatever broke may be one of them; a 400 may even be a host name that is
    not allowed, which any use of the request would trip over again.
    """
    template = loader.get_template(template_name)
    context = {"SITE_NAME": settings.SITE_NAME, "LANGUAGE_CODE": get_language()}
    return HttpResponse(template.render(context), status=status)


def bad_request(request, exception):
    return plain_error("400.html", 400)


def permission_denied(request, exception):
    return plain_error("403.html", 403)


def csrf_failure(request, reason: str = ""):
    """Forms outside the cached pages (the admin's, for one) whose token failed."""
    return plain_error("403_csrf.html", 403)


def server_error(request):
    return plain_error("500.html", 500)
