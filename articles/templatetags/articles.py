"""Template tags for showing articles: responsive images, bylines, sources."""

from django import template
from django.core.files.storage import default_storage

from .. import images

register = template.Library()


@register.inclusion_tag("articles/partials/picture.html")
def featured_picture(article, sizes="100vw", loading="lazy", css_class=""):
    """A <picture> of the featured image with WebP and JPEG/PNG sources."""
    if not article.featured_image:
        return {"article": None}
    description = article.image_renditions or {}
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


@register.inclusion_tag("articles/partials/byline.html")
def byline(article):
    return {"authors": article.ordered_authors, "article": article}
