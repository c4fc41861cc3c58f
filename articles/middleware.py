"""Sends readers who follow an old article address to where it lives now (articles/redirects.py)."""

from . import redirects


class OldPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if redirects.may_be_old_front_page_link(request):
            response = redirects.answer(request)
            if response is not None:
                return response
        response = self.get_response(request)
        if response.status_code == 404:
            return redirects.answer(request) or response
        return response
