"""Absolute addresses, always built from settings.SITE_URL.

Feeds, sitemaps, canonical links and link previews must name the site's
public address, never whatever Host header a request happened to carry.
"""

from django.conf import settings
from django.templatetags.static import static


def absolute_url(path_or_url: str) -> str:
    """``/a/b/`` → ``https://news.example.org/a/b/``; absolute URLs pass unchanged."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    if path_or_url.startswith("//"):
        return settings.SITE_URL.split(":", 1)[0] + ":" + path_or_url
    return settings.SITE_URL + "/" + path_or_url.lstrip("/")


def absolute_static(path: str) -> str:
    return absolute_url(static(path))
