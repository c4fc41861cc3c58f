"""Old addresses of articles: 301 to where they live now, 410 when they are gone.

The site's one redirect mechanism. ``OldPath`` rows (recorded when an
article's slug or category changes, or added by an importer) are looked up
by ``OldPathMiddleware`` when a page is not found, and for front-page links
with a query string such as WordPress's ``/?p=123``.
"""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from .models import OldPath, normalize_path

# Query parameters the front page understands itself; other ones may be old links.
FRONT_PAGE_PARAMETERS = {"page"}


def candidates(full_path: str) -> list[str]:
    """Paths to try for a request, the most exact first."""
    full = normalize_path(full_path)
    path = full.split("?", 1)[0]
    toggled = path.rstrip("/") if path.endswith("/") and path != "/" else path + "/"
    return list(dict.fromkeys([full, path, toggled]))


def find_article(full_path: str):
    """The article an old address belongs to, or None. One query (none for impossible paths)."""
    paths = candidates(full_path)
    if any("\x00" in path or len(path) > 500 for path in paths):
        return None  # no stored path holds these (and PostgreSQL refuses NUL in text)
    found = {
        old.path: old.article
        for old in OldPath.objects.filter(path__in=paths).select_related("article__category")
    }
    return next((found[path] for path in paths if path in found), None)


def held_by_another_article(path: str, article=None) -> bool:
    """Whether ``path`` is an old address of an article other than ``article``.

    Its readers still arrive there; an article given that address would take
    them over, and its stored redirect with them once it moves on.
    """
    held = OldPath.objects.filter(path__in=candidates(path))
    if article is not None and article.pk is not None:
        held = held.exclude(article_id=article.pk)
    return held.exists()


def may_be_old_front_page_link(request: HttpRequest) -> bool:
    """``/?p=123`` and the like: the front page answers them, so look them up first."""
    return request.path == "/" and bool(set(request.GET) - FRONT_PAGE_PARAMETERS)


def answer(request: HttpRequest) -> HttpResponse | None:
    """The response for an old address, or None when it is not one we know."""
    article = find_article(request.get_full_path())
    if article is None:
        return None
    if article.is_live:
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    if article.is_gone:
        return gone(request)
    return None


def gone(request: HttpRequest) -> HttpResponse:
    """A friendly "410 Gone" page for an article that was taken down."""
    return render(request, "410.html", status=410)
