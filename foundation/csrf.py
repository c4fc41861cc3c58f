"""CSRF protection for forms that sit on cached pages.

A page served from the cache is the same for every reader, so it cannot carry
a reader's CSRF token. Such forms render an empty token field
(``{% csrf_field_for_cached_page %}``); ``static/js/forms.js`` fills it from
``/csrf-token/`` when the page loads. Without JavaScript the check fails, and
``csrf_retry`` lets the view show the form again, filled in as the reader
left it and now with a valid token, instead of a bare 403: nothing is acted
on without a valid token, and nothing typed is lost.

Only a form sent from one of the site's own pages is shown again filled in.
Another site's form, shown on our page with a valid token, would need just
one click on "send" to go out in the name of whoever is logged in here.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.http import HttpRequest, JsonResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def csrf_retry(view):
    """Check CSRF in the view; set ``request.csrf_failed`` instead of rejecting.

    The view must not act on a POST whose ``request.csrf_failed`` is True.
    When ``request.csrf_cross_site`` is False too, it should render the form
    again with the submitted data; when it is True, an empty form: the POST
    came from another site (its data is dropped here, whatever the view does).
    """

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.csrf_failed = request.csrf_cross_site = False
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            middleware = CsrfViewMiddleware(lambda _request: None)
            request.csrf_failed = middleware.process_view(request, None, (), {}) is not None
            if request.csrf_failed:
                # Make sure the page we answer with sets a fresh token cookie.
                get_token(request)
                request.csrf_cross_site = not is_from_own_page(request)
                if request.csrf_cross_site:
                    request.POST = QueryDict()
        return view(request, *args, **kwargs)

    return wrapped


def is_from_own_page(request: HttpRequest) -> bool:
    """True when the browser says one of this site's own pages sent the request.

    ``Sec-Fetch-Site`` when the browser sends it (a page cannot forge it), else
    ``Origin``, else ``Referer``. Without any of them the sender is unknown and
    counts as foreign; browsers that send none are rare.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        # "none": typed in, a bookmark: the reader's own doing, never another page's.
        return fetch_site in {"same-origin", "none"}
    own = f"{request.scheme}://{request.get_host()}".lower()
    origin = request.headers.get("Origin")
    if origin:
        return origin.lower() == own
    try:
        referer = urlsplit(request.headers.get("Referer", ""))
    except ValueError:  # not an address at all
        return False
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}".lower() == own


@require_safe
@never_cache
def csrf_token(request):
    """A fresh token for forms on cached pages; sets the CSRF cookie as well."""
    return JsonResponse({"token": get_token(request)})
