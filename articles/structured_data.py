"""Schema.org data (JSON-LD) and link-preview facts for public pages.

Plain dictionaries; templates embed them with ``{% json_ld %}`` (which
escapes them for a <script> element) and the Open Graph partial.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from . import images
from .links import absolute_static, absolute_url

# The publisher's logo (static/img/logo.png) and its size in pixels.
LOGO_PATH, LOGO_WIDTH, LOGO_HEIGHT = "img/logo.png", 240, 240


def image_for_sharing(article) -> dict | None:
    """The featured image for link previews, feeds and JSON-LD, or None.

    ``images.shareable_file`` described for others: an absolute URL, its size,
    type and alt text.
    """
    image = images.shareable_file(article)
    if image is None:
        return None
    return {
        "url": absolute_url(default_storage.url(image["name"])),
        "width": image["width"],
        "height": image["height"],
        "type": image["type"],
        "alt": article.featured_image_alt,
    }


def publisher() -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_static(LOGO_PATH),
            "width": LOGO_WIDTH,
            "height": LOGO_HEIGHT,
        },
    }


def news_article(article) -> dict:
    """A schema.org NewsArticle for ``article``, its bylines fetched (``fetch_details()``)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": absolute_url(article.get_absolute_url()),
        "url": absolute_url(article.get_absolute_url()),
        "headline": article.title[:110],
        "description": article.description,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.display_name,
                "url": absolute_url(author.get_absolute_url()),
            }
            for author in article.ordered_authors
        ],
        "publisher": publisher(),
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": settings.LANGUAGE_CODE,
    }
    image = image_for_sharing(article)
    if image:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": image["url"],
                "width": image["width"],
                "height": image["height"],
            }
        ]
    return data


def breadcrumbs(article) -> dict:
    """BreadcrumbList Home › (parent) › category › article, as on the page."""
    trail = [(_("Home"), reverse("home"))]
    if article.category.parent:
        trail.append((article.category.parent.name, article.category.parent.get_absolute_url()))
    trail.append((article.category.name, article.category.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": absolute_url(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website() -> dict:
    """The WebSite with a SearchAction, for the home page."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(reverse("articles:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
