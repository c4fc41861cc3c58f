"""One rule for the addresses of public pages, and the address the page cache keeps a page under.

``?page=1`` and ``?page=007`` answer 301 to the plain address; a word, a sign,
a zero, a huge number or two different numbers are not found. Tracking
parameters (``utm_source``, ``fbclid``…) are taken off before any view sees
them, so a shared link shows, and is cached as, the plain page.
"""

import re
from collections.abc import Sequence
from urllib.parse import unquote_plus

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import escape_leading_slashes

PAGE = "page"

# Far beyond any archive (more than a million articles at 12 a page); larger
# numbers would overflow the database's OFFSET.
MAX_PAGE = 100_000

# Paths that are not pages shared by every reader: files, the admin, forms and
# endpoints. The rule leaves them alone and the page cache never keeps them.
NOT_SHARED_PAGES = (
    "/admin/",
    "/benchmark/",
    "/ckeditor5/",
    "/comments/",
    "/csrf-token/",
    "/editor/",
    "/healthz",
    "/media/",
    "/newsletter/",
    "/static/",
    "/views/",
)

# Added to shared links by newsletters, ad networks and social sites; no page reads them.
TRACKING_PARAMETERS = frozenset(
    {
        "_ga",
        "_gl",
        "dclid",
        "fbclid",
        "gbraid",
        "gclid",
        "gclsrc",
        "igshid",
        "mc_cid",
        "mc_eid",
        "msclkid",
        "twclid",
        "wbraid",
        "yclid",
    }
)
TRACKING_PREFIX = "utm_"

# One number, leading zeros allowed (they are redirected away). ASCII digits
# only: int() would also read "٢" or "２".
_NUMBER = re.compile(r"0*([1-9][0-9]*)", re.ASCII)
_MAX_DIGITS = len(str(MAX_PAGE))

# Set on the request by page_number(): the view reads ?page=, so it paginates.
_READ_MARK = "page_number_read"


def page_named(values: Sequence[str]) -> int | None:
    """The page that the values of ``page`` name, or None when they name none.

    One number from 1 to MAX_PAGE, given once or repeated (``2``, ``02``);
    a word, a sign, a blank, zero, a huge number or two different numbers
    name no page.
    """
    numbers = set()
    for value in values:
        match = _NUMBER.fullmatch(value)
        if match is None or len(match[1]) > _MAX_DIGITS:
            return None
        numbers.add(int(match[1]))
    if len(numbers) != 1:
        return None
    number = numbers.pop()
    return number if number <= MAX_PAGE else None


def canonical_query(query_string: str) -> str | None:
    """``query_string`` with its ``page`` fields made one ``page=N``, or None if they name no page.

    ``page=N`` takes the place of the first ``page`` field and is left out for
    page 1. The other fields keep their order and their spelling.
    """
    fields = query_string.split("&") if query_string else []
    others, values, position = [], [], None
    for field in fields:
        name, _, value = field.partition("=")
        if unquote_plus(name) == PAGE:
            values.append(unquote_plus(value))
            if position is None:
                position = len(others)
        elif field:
            others.append(field)
    if position is None:
        return query_string
    number = page_named(values)
    if number is None:
        return None
    if number > 1:
        others.insert(position, f"{PAGE}={number}")
    return "&".join(others)


def is_tracking(name: str) -> bool:
    """Whether the parameter ``name`` only tells analytics where a reader came from."""
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIX)


class PageAddressMiddleware:
    """Answers a public page's odd ``?page=`` before the page cache looks anything up.

    301 to the canonical address, or the site's 404 page; then takes the
    tracking parameters off the request. Only GET and HEAD, never for
    NOT_SHARED_PAGES.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query_string = request.META.get("QUERY_STRING", "")
        if (
            query_string
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(NOT_SHARED_PAGES)
        ):
            canonical = canonical_query(query_string)
            if canonical is None:
                raise Http404("No such page.")
            if canonical != query_string:
                return HttpResponsePermanentRedirect(_address(request.path, canonical))
            _forget_tracking(request, query_string)
        return self.get_response(request)


def _address(path: str, query_string: str) -> str:
    # Escaped like request.get_full_path(); "//host/" must not leave the site.
    address = escape_leading_slashes(escape_uri_path(path))
    return f"{address}?{iri_to_uri(query_string)}" if query_string else address


def _forget_tracking(request: HttpRequest, query_string: str) -> None:
    fields = query_string.split("&")
    kept = [field for field in fields if not is_tracking(unquote_plus(field.partition("=")[0]))]
    if len(kept) == len(fields):
        return
    request.META["QUERY_STRING"] = "&".join(kept)
    # Django's requests make GET from QUERY_STRING when first asked.
    request.__dict__.pop("GET", None)
    if not hasattr(request, "GET"):
        request.GET = QueryDict(request.META["QUERY_STRING"])


def page_number(request: HttpRequest) -> int:
    """The page of a listing that ``request`` asks for: 1 without ``?page=``.

    Views that paginate call it: it tells the page cache that this view's
    ``?page=N`` addresses are pages of their own (``may_store_address``).
    Raises Http404 when ``page`` names no page (PageAddressMiddleware has
    answered those already).
    """
    setattr(request, _READ_MARK, True)
    values = request.GET.getlist(PAGE)
    if not values:
        return 1
    number = page_named(values)
    if number is None:
        raise Http404("No such page.")
    return number


def uses_page_number(request: HttpRequest) -> bool:
    """Whether the view that answered ``request`` read its page number."""
    return getattr(request, _READ_MARK, False)


def cache_address(request: HttpRequest) -> str | None:
    """What the page cache keeps ``request``'s page under: its path, with ``?page=N`` for N > 1.

    Neither host nor scheme: pages make absolute links with SITE_URL. None
    when the request must bypass the cache: a path in NOT_SHARED_PAGES, a
    parameter other than ``page`` (tracking parameters are gone by now, see
    PageAddressMiddleware), or a ``page`` not in its one canonical form.
    """
    if request.path.startswith(NOT_SHARED_PAGES):
        return None
    path = escape_uri_path(request.path)
    query = request.GET
    if not query:
        return path
    values = query.getlist(PAGE)
    if len(query) > 1 or len(values) != 1:
        return None
    number = page_named(values)
    if number is None or number == 1 or values[0] != str(number):
        return None
    return f"{path}?{PAGE}={number}"


def may_store_address(request: HttpRequest) -> bool:
    """Whether the page made for ``request`` may be kept under ``cache_address(request)``.

    An address with ``?page=N`` only when the view read the number: an
    article's page with ``?page=7`` is the article, not a page of its own.
    """
    return PAGE not in request.GET or uses_page_number(request)


def page_link(request: HttpRequest, number: int) -> str:
    """The link to page ``number`` of the listing shown for ``request``, other parameters kept.

    Page 1 is the address without ``page``, so "Newer articles" needs no redirect.
    """
    query = request.GET.copy()
    if number > 1:
        query[PAGE] = str(number)
    else:
        query.pop(PAGE, None)
    return f"?{query.urlencode()}" if query else escape_uri_path(request.path)
