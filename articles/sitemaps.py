"""Sitemaps for search engines: articles, categories, tags, authors, and Google News.

Addresses come from settings.SITE_URL. Each section is split into pages of
at most 50,000 addresses (the protocol's limit); the index lists them all.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .models import Article, AuthorProfile, Byline, Category

# Google News reads articles of the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """Builds every address on SITE_URL, whatever host the request came to."""

    limit = 50_000

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("slug", "updated_at", "category__slug")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(SiteSitemap):
    def items(self):
        return Category.objects.order_by("pk").only("slug")


class TagSitemap(SiteSitemap):
    def items(self):
        # Only tags with something published: an empty tag page is not worth a visit.
        published_tagging = TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label="articles",
            content_type__model="article",
            object_id__in=Article.objects.published().values("pk"),
        )
        return Tag.objects.filter(Exists(published_tagging)).order_by("pk").only("slug")

    def location(self, tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(SiteSitemap):
    def items(self):
        published_byline = Byline.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.published()
        )
        return AuthorProfile.objects.filter(Exists(published_byline)).order_by("pk").only("slug")


class NewsSitemap(SiteSitemap):
    """Google News: the articles of the last 48 hours with publication name and language."""

    limit = NEWS_LIMIT

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .select_related("category")
            .only("title", "slug", "published_at", "updated_at", "category__slug")
            .order_by("-published_at", "-pk")[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return None


SECTIONS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
