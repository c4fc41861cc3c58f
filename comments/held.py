"""The held comments a browser posted, kept in its session so their author sees them.

Only a browser that already has a session cookie has its session read:
reading it marks the response "Vary: Cookie", and readers without one must
keep getting a page that every cache may share.
"""

from django.conf import settings
from django.http import HttpRequest

from .models import Comment

SESSION_KEY = "comments_held"
# The most recent ones; older held comments were long since approved or removed.
REMEMBERED = 50


def held_ids(request: HttpRequest | None) -> list[int]:
    """Ids of held comments this browser posted, newest first; [] without a session cookie."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    ids = request.session.get(SESSION_KEY, [])
    return ids if isinstance(ids, list) else []


def remember_held(request: HttpRequest, comment: Comment) -> None:
    """Note in the session that this browser posted ``comment``, which awaits moderation.

    This starts a session (and its cookie) when there was none: from now on
    this browser's pages are its own.
    """
    ids = request.session.get(SESSION_KEY, [])
    if not isinstance(ids, list):
        ids = []
    request.session[SESSION_KEY] = [comment.pk, *ids][:REMEMBERED]
