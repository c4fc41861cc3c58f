"""Who must wait before the next login: django-axes records the failures, this module decides.

Failures count for one account from one client, and for one client whatever
the account: never for an account alone, or a stranger could lock the
editor-in-chief out during breaking news. Past a limit the client waits a
minute, and each further failure doubles the wait, up to a day. Axes keeps
the records in the database, which every process shares.
"""

import math
from datetime import datetime, timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext

from foundation.clients import client_network

FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(days=1)


def client_address(request: HttpRequest) -> str | None:
    """The address axes throttles (``AXES_CLIENT_IP_CALLABLE``).

    The one ``foundation.clients`` trusts: ``CLIENT_IP_HEADER`` or the socket,
    never a header the client sets. An IPv6 client counts as its /64, which it
    may step through at will; it is stored as the network's first address.
    """
    return client_network(request).split("/")[0] or None


def wait_after(failures: int, limit: int) -> timedelta | None:
    """How long a client waits after its latest failure: nothing below ``limit``, then doubling."""
    if failures < limit:
        return None
    return min(FIRST_WAIT * 2 ** min(failures - limit, 20), LONGEST_WAIT)


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with a limit each for account-and-client and for client.

    Axes compares ``get_failures()`` with ``AXES_FAILURE_LIMIT`` (the
    account-and-client limit) when a login fails; ``is_locked()`` adds the
    client's own limit (``LOGIN_FAILURES_PER_CLIENT``) and the growing wait,
    and is what the authentication backend asks before checking a password.
    """

    def failures(self, request: HttpRequest, credentials: dict | None = None) -> dict:
        """Failures remembered for this account from this client, and for this client."""
        account = Q(username=get_client_username(request, credentials))
        return AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(
            account=Sum("failures_since_start", filter=account, default=0),
            account_last=Max("attempt_time", filter=account),
            client=Sum("failures_since_start", default=0),
            client_last=Max("attempt_time"),
        )

    def locked_until(self, request: HttpRequest, credentials: dict | None = None):
        """When this client may try this account again, or None if it may now."""
        found = self.failures(request, credentials)
        ends = [
            found[f"{key}_last"] + wait
            for key, limit in [
                ("account", settings.AXES_FAILURE_LIMIT),
                ("client", settings.LOGIN_FAILURES_PER_CLIENT),
            ]
            if (wait := wait_after(found[key], limit))
        ]
        until = max(ends, default=None)
        return until if until and until > request.axes_attempt_time else None

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        request.login_locked_until = self.locked_until(request, credentials)
        return request.login_locked_until is not None

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """What axes compares with ``AXES_FAILURE_LIMIT``: this account's, from this client."""
        return self.failures(request, credentials)["account"]

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        locked_by_axes = request.axes_locked_out
        request.axes_locked_out = self.is_locked(request, credentials)
        if request.axes_locked_out and not locked_by_axes:
            # Axes announced its own limit; the client's limit is ours to announce.
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """After a successful login: forget that account's failures from that client only.

        Axes would forget every failure of the client, so one account of one's
        own would wipe out the count of tries at all the others.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def wait_message(until: datetime) -> str:
    """What the login page says to a client that must wait until ``until``."""
    # Rounded up to the minute: "0 minutes" would invite a try that is refused again.
    wait = timeuntil(until + timedelta(seconds=59), timezone.now())
    return " ".join(
        [
            gettext("Too many failed logins from your connection."),
            gettext(
                "Please wait %(wait)s before you try again; an administrator can lift "
                "the pause sooner."
            )
            % {"wait": wait},
        ]
    )


def locked_out_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What axes answers a client that must wait (``AXES_LOCKOUT_CALLABLE``).

    The login page the form rendered, which explains the wait, as 429 Too Many Requests.
    """
    until = getattr(request, "login_locked_until", None) or timezone.now() + FIRST_WAIT
    if isinstance(original_response, HttpResponse) and original_response.status_code == 200:
        response = original_response
        response.status_code = 429
        response.reason_phrase = "Too Many Requests"
    else:
        response = HttpResponse(
            wait_message(until), status=429, content_type="text/plain; charset=utf-8"
        )
    seconds = (until - timezone.now()).total_seconds()
    response["Retry-After"] = str(max(1, math.ceil(seconds)))
    return response
