"""Template tags for showing articles: responsive images, bylines, widgets."""

from django import template
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from foundation import pagecache

from .. import images
from ..cache import POPULAR, article_tag, category_tag, topic_tag
from ..queries import fetch_details as fetch_article_details
from ..queries import popular_now as popular_now_query
from ..queries import related_to

# "Popular now" is computed at most once a minute.
POPULAR_SECONDS = 60
RELATED_SECONDS = 60 * 60

register = template.Library()


@register.inclusion_tag("articles/partials/picture.html")
def featured_picture(article, sizes="100vw", loading="lazy", css_class=""):
    """A <picture> of the featured image with WebP and JPEG/PNG sources."""
    if not article.featured_image:
        return {"article": None}
    description = images.current_renditions(article)
    fallback = description.get("fallback") or []
    if fallback:
        # The middle width is a good default for browsers without srcset.
        width, height, name = fallback[min(1, len(fallback) - 1)]
        src = default_storage.url(name)
    else:
        width, height = article.featured_image_width, article.featured_image_height
        src = article.featured_image.url
    return {
        "article": article,
        "src": src,
        "width": width,
        "height": height,
        "webp_srcset": images.srcset(description, "webp"),
        "fallback_srcset": images.srcset(description, "fallback"),
        "fallback_type": description.get("fallback_type", "image/jpeg"),
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }


@register.simple_tag
def fetch_details(article) -> str:
    """Fetch the article's authors, sources and tags now (once for the whole page)."""
    fetch_article_details(article)
    return ""


@register.inclusion_tag("articles/partials/byline.html")
def byline(article):
    return {"authors": article.ordered_authors, "article": article}


@register.simple_tag(takes_context=True)
def popular_now(context, limit: int = 5) -> str:
    """The sidebar's "Popular now": most read articles, refreshed at most once a minute."""
    html, ids = pagecache.remember(
        f"popular-now:{limit}",
        lambda: _popular_widget(limit),
        tags=[pagecache.ANY_CONTENT],
        timeout=POPULAR_SECONDS,
    )
    pagecache.depends_on(context.get("request"), POPULAR, *(article_tag(pk) for pk in ids))
    # Readers should see the ranking move within a minute, on cached pages too.
    pagecache.expires_within(context.get("request"), POPULAR_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template


def _popular_widget(limit: int) -> tuple[str, list[int]]:
    articles = popular_now_query(limit)
    ids = [article.pk for article in articles]
    key = f"popular-now-ids:{limit}"
    previous = cache.get(key)
    if previous != ids:
        cache.set(key, ids, timeout=None)
        if previous is not None:
            # The ranking moved: pages showing the widget are made again. (The
            # first ranking after a cold start changes nothing already shown;
            # stamping it would make the page being rendered stale at once.)
            pagecache.pages_changed(POPULAR)
    # Kept as HTML: cheaper to serve than model instances to unpickle.
    return render_to_string("articles/partials/popular_now.html", {"articles": articles}), ids


@register.simple_tag(takes_context=True)
def related_articles(context, article, limit: int = 4) -> str:
    """ "Related articles" under an article, kept until something that could change them does."""
    # The list changes with the article itself (its tags too: changing them
    # stamps the article), with any article shown in it, and when an article
    # is published into one of its tags or its category. The tags are kept
    # with the list, so a page reusing it needs no query for them.
    watched = [article_tag(article.pk), category_tag(article.category_id)]
    html, ids, tag_ids = pagecache.remember(
        f"related-articles:{article.pk}:{limit}",
        lambda: _related_widget(article, limit),
        tags=watched,
        tags_of_value=lambda value: _shown_tags(value[1], value[2]),
        timeout=RELATED_SECONDS,
    )
    pagecache.depends_on(context.get("request"), *watched, *_shown_tags(ids, tag_ids))
    return mark_safe(html)  # noqa: S308 - rendered by our own template


def _shown_tags(article_ids: list[int], tag_ids: list[int]) -> list[str]:
    return [
        *map(topic_tag, tag_ids),
        *(article_tag(pk) for pk in article_ids),
    ]


def _related_widget(article, limit: int) -> tuple[str, list[int], list[int]]:
    related = related_to(article, limit)
    html = render_to_string("articles/partials/related.html", {"articles": related})
    return html, [item.pk for item in related], [tag.pk for tag in article.tags.all()]
