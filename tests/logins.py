"""The test client's logins: ``client.login()`` authenticates without a request.

django-axes refuses that (it cannot tell who the client is); in production no
login comes without one. Logins with a request, through the login page, are
throttled here as in production (tests/test_login_security.py).
"""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTheTestClient(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None  # the next backend checks the password, unthrottled
        return super().authenticate(request, username, password, **kwargs)
