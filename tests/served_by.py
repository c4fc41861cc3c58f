"""Test-only middleware: names the process that answered, to tell gunicorn's workers apart."""

import os


class ServedByMiddleware:
    """Adds ``X-Served-By: <pid>`` to every response, cached pages included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Served-By"] = str(os.getpid())
        return response
