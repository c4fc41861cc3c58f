"""CSRF protection for forms that sit on cached pages.

A page served from the cache is the same for every reader, so it cannot carry
a reader's CSRF token. Such forms render an empty token field
(``{% csrf_field_for_cached_page %}``); ``static/js/forms.js`` fills it from
``/csrf-token/`` when the page loads. Without JavaScript the check fails, and
``csrf_retry`` lets the view show the form again, filled in as the reader
left it and now with a valid token, instead of a bare 403: nothing is acted
on without a valid token, and nothing typed is lost.
"""

from functools import wraps

from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET


def csrf_retry(view):
    """Check CSRF in the view; set ``request.csrf_failed`` instead of rejecting.

    The view must not act on a POST whose ``request.csrf_failed`` is True;
    it should render the form again with the submitted data.
    """

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.csrf_failed = False
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            middleware = CsrfViewMiddleware(lambda _request: None)
            request.csrf_failed = middleware.process_view(request, None, (), {}) is not None
            if request.csrf_failed:
                # Make sure the page we answer with sets a fresh token cookie.
                get_token(request)
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@never_cache
def csrf_token(request):
    """A fresh token for forms on cached pages; sets the CSRF cookie as well."""
    return JsonResponse({"token": get_token(request)})
