"""Site-wide pages: the home page, robots.txt, a health check and error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from articles.models import Article
from articles.queries import latest_by_category
from articles.views import RememberedCountPaginator

from . import cache as page_cache


@require_GET
def home(request):
    page_cache.depends_on(request, "home")
    lead = Article.objects.lead_story()
    latest = Article.objects.published().for_listing()
    if lead is not None:
        latest = latest.exclude(pk=lead.pk)
    paginator = RememberedCountPaginator(latest, settings.ARTICLES_PER_PAGE, count_tag="home")
    page = paginator.get_page(request.GET.get("page"))
    first_page = page.number == 1
    return render(
        request,
        "home.html",
        {
            "lead": lead if first_page else None,
            "page_obj": page,
            "articles": page.object_list,
            "sections": latest_by_category(limit=4) if first_page else [],
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /editor/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@never_cache
def healthz(request):
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def hello(request):
    """Only with BENCHMARK_HELLO: the smallest Django answer, the benchmark's yardstick."""
    return HttpResponse("Hello, world", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors and no database: whatever broke may be one of them.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": settings.SITE_NAME}))
