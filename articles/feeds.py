"""RSS 2.0 and Atom feeds of the latest articles: site-wide, per category, tag and author.

Every address in a feed is absolute and built from settings.SITE_URL. Items
carry the teaser as summary, the full (already sanitized) body as content,
the authors, category and tags, and the featured image as an enclosure
plus a Media RSS element with its size.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag

from . import structured_data
from .images import shareable_file, stored_size
from .links import absolute_url
from .models import Article, AuthorProfile, Category

FEED_LENGTH = 20
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# Site-relative src/href in the body; feed readers need them absolute.
_RELATIVE_LINK = re.compile(r'(\s(?:src|href)=")/(?!/)')


class RssFeedType(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS has no element for the update time; Atom's, in its namespace, is understood.
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content_html"])
        _add_media(handler, item)


class AtomFeedType(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _add_media(handler, item)


def _add_media(handler, item) -> None:
    image = item.get("image")
    if image:
        handler.addQuickElement(
            "media:content",
            attrs={
                "url": image["url"],
                "type": image["type"],
                "medium": "image",
                "width": str(image["width"] or ""),
                "height": str(image["height"] or ""),
            },
        )


@dataclass
class Scope:
    """What a feed covers: its heading, the page it mirrors and its articles."""

    heading: str
    description: str
    page_path: str
    feed_path: str
    articles: QuerySet


class ArticleFeed(Feed):
    """The site's latest articles; subclasses narrow the scope."""

    feed_type = RssFeedType
    url_name = "articles:feed_rss"

    def scope(self, **kwargs) -> Scope:
        return Scope(
            heading=settings.SITE_NAME,
            description=_("The latest news from %(site)s.") % {"site": settings.SITE_NAME},
            page_path=reverse("home"),
            feed_path=reverse(self.url_name),
            articles=Article.objects.published(),
        )

    def get_object(self, request, *args, **kwargs) -> Scope:
        return self.scope(**kwargs)

    def title(self, scope: Scope) -> str:
        if scope.heading == settings.SITE_NAME:
            return settings.SITE_NAME
        return f"{scope.heading} – {settings.SITE_NAME}"

    def description(self, scope: Scope) -> str:
        return scope.description

    subtitle = description

    def link(self, scope: Scope) -> str:
        return absolute_url(scope.page_path)

    def feed_url(self, scope: Scope) -> str:
        return absolute_url(scope.feed_path)

    def feed_guid(self, scope: Scope) -> str:
        return absolute_url(scope.feed_path)

    @property
    def language(self) -> str:
        # Django reads this attribute directly, not as a per-feed method.
        return settings.LANGUAGE_CODE

    def author_name(self) -> str:
        return settings.SITE_NAME

    def feed_copyright(self) -> str:
        return f"© {settings.SITE_NAME}"

    def items(self, scope: Scope):
        return scope.articles.for_feed()[:FEED_LENGTH]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        # Readers treat the summary as HTML; the teaser is plain text.
        return escape(article.teaser)

    def item_link(self, article: Article) -> str:
        return absolute_url(article.get_absolute_url())

    def item_guid(self, article: Article) -> str:
        # Stable across slug changes, so readers do not show a moved article twice.
        created = article.created_at.date().isoformat()
        return f"tag:{urlsplit(settings.SITE_URL).hostname},{created}:article:{article.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, article: Article) -> str | None:
        return ", ".join(author.display_name for author in article.ordered_authors) or None

    def item_author_link(self, article: Article) -> str | None:
        authors = article.ordered_authors
        return absolute_url(authors[0].get_absolute_url()) if authors else None

    def item_categories(self, article: Article) -> list[str]:
        return [article.category.name, *(tag.name for tag in article.tags.all())]

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_enclosures(self, article: Article) -> list[Enclosure]:
        image = shareable_file(article)
        if image is None:
            return []
        url = structured_data.image_for_sharing(article)["url"]
        return [Enclosure(url, str(stored_size(image["name"])), image["type"])]

    def item_extra_kwargs(self, article: Article) -> dict:
        return {
            "content_html": _RELATIVE_LINK.sub(rf"\1{settings.SITE_URL}/", article.body),
            "image": structured_data.image_for_sharing(article),
        }


class CategoryFeed(ArticleFeed):
    url_name = "articles:category_feed_rss"

    def scope(self, slug: str) -> Scope:
        category = get_object_or_404(Category, slug=slug)
        return Scope(
            heading=category.name,
            description=category.description
            or _("The latest articles in %(category)s.") % {"category": category.name},
            page_path=category.get_absolute_url(),
            feed_path=reverse(self.url_name, kwargs={"slug": slug}),
            articles=Article.objects.published().in_category(category),
        )


class TagFeed(ArticleFeed):
    url_name = "articles:tag_feed_rss"

    def scope(self, slug: str) -> Scope:
        tag = get_object_or_404(Tag, slug=slug)
        return Scope(
            heading=_("Articles tagged “%(tag)s”") % {"tag": tag.name},
            description=_("The latest articles tagged “%(tag)s”.") % {"tag": tag.name},
            page_path=reverse("articles:tag", kwargs={"slug": tag.slug}),
            feed_path=reverse(self.url_name, kwargs={"slug": slug}),
            articles=Article.objects.published().tagged(tag),
        )


class AuthorFeed(ArticleFeed):
    url_name = "articles:author_feed_rss"

    def scope(self, slug: str) -> Scope:
        author = get_object_or_404(AuthorProfile, slug=slug)
        return Scope(
            heading=_("Articles by %(author)s") % {"author": author.display_name},
            description=_("The latest articles by %(author)s.") % {"author": author.display_name},
            page_path=author.get_absolute_url(),
            feed_path=reverse(self.url_name, kwargs={"slug": slug}),
            articles=Article.objects.published().by_author(author),
        )


def atom(feed_class: type[ArticleFeed]) -> type[ArticleFeed]:
    """The Atom twin of an RSS feed class: same items, Atom format and address."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": AtomFeedType, "url_name": feed_class.url_name.replace("_rss", "_atom")},
    )
