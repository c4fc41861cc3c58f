"""The page cache, and the tags that keep cached pages and widgets correct.

Every cached page or widget remembers when it was made and which *tags*
it shows (``article:42``, ``home``…; the apps name their own tags, each
with one helper). A change stamps its tags once it is committed
(``pages_changed``); an entry made before one of its tags' stamps is stale
and made again. The stamps are shared by every process and server
(``foundation.stamps``), so whichever process answers the next request
knows of the change; the entries themselves may live in each process (no
cache server) or in Redis.

Entries never outlive PAGE_CACHE_SECONDS, nor any limit an app registers
with ``limit_lifetime`` (the articles app: the next scheduled publication,
so a page cached at 9:58 is made again when the article scheduled for
10:00 goes out).

Views and template tags call ``depends_on(request, tag)`` for what they
show; ``remember`` and ``fragment`` keep parts of pages under the same rules.
This module knows no app: what a tag means is up to the app that names it.
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, has_vary_header, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from foundation import addresses, stamps

PAGE = "page:"
FRAGMENT = "fragment:"

# Tag of pages that name no tags of their own (feeds, sitemaps, search,
# archives): they may show anything, so any change of content stamps it.
ANY_CONTENT = "content"
# Tag of what every page shows (the navigation, the footer): every page has it.
SITE = "site"

# Cookies that make a response personal: the reader is logged in or has messages waiting.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def pages_changed(*tags: str) -> None:
    """Stamp ``tags`` as changed once the transaction commits: entries showing them go stale."""
    stamps.stamp(tags)


def depends_on(request: HttpRequest | None, *tags: str) -> None:
    """Note that the page being made for ``request`` shows ``tags``."""
    if request is not None and hasattr(request, "page_tags"):
        request.page_tags.update(tags)


def expires_within(request: HttpRequest | None, seconds: int) -> None:
    """Keep the page being made for ``request`` at most ``seconds`` (a widget that ages)."""
    if request is not None and hasattr(request, "page_tags"):
        current = getattr(request, "page_lifetime", None)
        request.page_lifetime = seconds if current is None else min(current, seconds)


# Functions that return the seconds until some entries may be out of date
# for a reason no change announces (a scheduled publication), or None.
_lifetime_limits: list[Callable[[], float | None]] = []


def limit_lifetime(seconds_left: Callable[[], float | None]) -> None:
    """Let no entry live longer than ``seconds_left()`` says (an app calls this in ``ready``)."""
    if seconds_left not in _lifetime_limits:
        _lifetime_limits.append(seconds_left)


def lifetime(seconds: int | None = None) -> int:
    """Seconds an entry may live: ``seconds`` or PAGE_CACHE_SECONDS, cut by registered limits."""
    seconds = seconds or settings.PAGE_CACHE_SECONDS
    for seconds_left in _lifetime_limits:
        left = seconds_left()
        if left is not None:
            seconds = min(seconds, int(left))
    return max(seconds, 0)


def remember(
    key: str,
    compute: Callable[[], Any],
    *,
    tags: Iterable[str],
    timeout: int,
    tags_of_value: Callable[[Any], Iterable[str]] | None = None,
) -> Any:
    """``compute()``'s value, kept in the cache until one of its tags changes or ``timeout``.

    ``tags_of_value(value)`` adds tags known only once the value is there
    (the articles a list turned out to show).
    """
    entry = cache.get(FRAGMENT + key)
    if entry is not None and is_fresh(entry[0], entry[2]):
        return entry[1]
    made_at = stamps.book.now()
    value = compute()
    tags = tuple(dict.fromkeys((*tags, *(tags_of_value(value) if tags_of_value else ()))))
    keep = lifetime(timeout)
    if keep:
        cache.set(FRAGMENT + key, (made_at, value, tags), timeout=keep)
    return value


def may_share(request: HttpRequest | None) -> bool:
    """Whether what is made for ``request`` could be shown to any reader.

    An anonymous GET without a failed form behind it (whose page carries a
    real CSRF token); logged-in editors and readers with messages get
    everything made afresh.
    """
    return (
        request is not None
        and settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not PageCacheMiddleware._is_personal(request)
        and not getattr(request, "csrf_failed", False)
    )


def fragment(request: HttpRequest | None, key: str, render: Callable[[], str], *, tags) -> str:
    """Part of a page, kept like a widget: made again once one of ``tags`` changes.

    Only for parts that are the same for every reader (see ``may_share``);
    otherwise ``render()`` runs every time. What the part declared with
    ``depends_on()`` while it was made is declared again whenever it is reused,
    so the page around it is tagged as if the part had been made anew. A part
    must not hold a widget that ages (``expires_within``).
    """
    if not may_share(request):
        return render()

    def compute() -> tuple[str, tuple[str, ...]]:
        outer = getattr(request, "page_tags", None)
        request.page_tags = set()
        try:
            return render(), tuple(request.page_tags)
        finally:
            if outer is None:
                del request.page_tags
            else:
                outer.update(request.page_tags)
                request.page_tags = outer

    html, inner_tags = remember(
        f"{key}:{get_language()}",
        compute,
        tags=tags,
        timeout=settings.PAGE_CACHE_SECONDS,
        tags_of_value=lambda value: value[1],
    )
    depends_on(request, *inner_tags)
    return html


def is_fresh(made_at: int, tags: Iterable[str]) -> bool:
    """Whether an entry made at ``made_at`` (``stamps.book.now()``) still shows ``tags``."""
    return stamps.book.is_fresh(made_at, tags)


class PageCacheMiddleware:
    """Serve anonymous GET pages from the cache; store the ones that are safe to share.

    Sits before the session middleware: a cached page costs no session, no
    user and no database query. On the way out it sees the finished
    response, so a page that set a cookie, used the CSRF token or read the
    session (``Vary: Cookie``) is never stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        checked = stamps.book.begin_request()
        try:
            return self._answer(request)
        finally:
            stamps.book.end_request(checked)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if self._is_personal(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
                # A logged-in editor's page, or one with messages: nobody else's to keep.
                patch_cache_control(response, private=True, no_store=True)
            return response
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        entry = cache.get(key)
        if entry is not None and is_fresh(entry["made_at"], entry["tags"]):
            return self._conditional(request, self._rebuild(entry))
        request.page_tags = set()
        made_at = stamps.book.now()
        began = time.time()
        response = self.get_response(request)
        if not self._may_store(request, response):
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_store=True)
            return response
        tags = tuple(sorted((request.page_tags or {ANY_CONTENT}) | {SITE}))
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        response["Last-Modified"] = http_date(began)
        if "Cache-Control" not in response:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_MAX_AGE,
                s_maxage=settings.PAGE_MAX_AGE,
                stale_while_revalidate=settings.PAGE_MAX_AGE,
            )
        keep = lifetime()
        if getattr(request, "page_lifetime", None) is not None:
            keep = min(keep, request.page_lifetime)
        if keep:
            cache.set(
                key,
                {
                    "made_at": made_at,
                    "tags": tags,
                    "status": response.status_code,
                    "headers": dict(response.items()),
                    "content": response.content,
                },
                timeout=keep,
            )
        return self._conditional(request, response)

    @staticmethod
    def _is_personal(request: HttpRequest) -> bool:
        return any(name in request.COOKIES for name in PERSONAL_COOKIES)

    @staticmethod
    def _may_use_cache(request: HttpRequest) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and addresses.cache_address(request) is not None
        )

    @staticmethod
    def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not has_vary_header(response, "Cookie")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
            and addresses.may_store_address(request)
        )

    @staticmethod
    def _key(request: HttpRequest) -> str:
        # One entry per page, whatever the host's spelling or the tracking parameters.
        address = addresses.cache_address(request)
        return PAGE + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()

    @staticmethod
    def _rebuild(entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        return response

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
