"""Values every page template needs: the site's name and its navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Category
from foundation import pagecache


def navigation() -> list[Category]:
    """The top-level categories, kept until a category changes (which stamps SITE)."""
    return pagecache.remember(
        "navigation",
        lambda: list(Category.objects.filter(parent__isnull=True)),
        tags=[pagecache.SITE],
        timeout=3600,
    )


def site(request) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # Lazy: pages that do not show the navigation do not pay for the query.
        "nav_categories": SimpleLazyObject(navigation),
    }
