"""The site's address book: the apps' URLs composed under one roof."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from articles.sitemaps import SECTIONS
from foundation import csp, csrf

from . import views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.sitemap_news, name="sitemap_news"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": SECTIONS},
        name="sitemap_section",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("csrf-token/", csrf.csrf_token, name="csrf_token"),
    path("csp-report/", csp.report_violation, name="csp_report"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("newsletter/", include("newsletter.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded files. In a larger installation the web server or a CDN serves them.
    urlpatterns += [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media"),
    ]  # fmt: skip

if settings.BENCHMARK_HELLO:
    urlpatterns += [path("benchmark/hello/", views.hello, name="benchmark_hello")]

# The articles' catch-all patterns (/<category>/ and /<category>/<slug>/) come last.
urlpatterns += [path("", include("articles.urls"))]

handler400 = "newsroom.views.bad_request"
handler403 = "newsroom.views.permission_denied"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
