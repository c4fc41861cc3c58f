"""Publishing, scheduling and unpublishing: the one door through which an article's status changes.

Each service checks who may do it, sets the times, saves, records the
decision (``StatusChange``, the article's publishing history) and, once
the transaction commits, announces it with ``signals.status_changed``
(for the edge cache and the newsletter; the page cache already follows
every save, see ``articles.signals``). The
admin form and its bulk actions, the WordPress import, the demo and the
tests all come through here. ``Article.save()`` keeps only what must hold
for any save: a clean body and the record of an old address.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signals, visibility
from .models import Article, StatusChange
from .permissions import can_publish

Action = StatusChange.Action


# ``may_change_status()`` without a time: only the status is asked about.
UNCHANGED = object()


def may_change_status(user, article: Article, status: str, published_at=UNCHANGED) -> bool:
    """Publishing, rescheduling and taking down are the Editors' (``can_publish``).

    So is the publication time, on a draft too: a time an Author typed would
    survive an editor's publishing (backdated to 2001) or schedule it unseen.
    Anyone who may edit the article may save it otherwise (an Author corrects
    a typo in a published article). ``user`` None is the system itself (an
    import, the demo, a command).
    """
    if user is None or can_publish(user):
        return True
    was = _stored_status(article)
    if published_at is not UNCHANGED and published_at != _stored_time(article):
        return False
    return status == was or Article.Status.PUBLISHED not in (status, was)


def publication_time(published_at: datetime | None) -> datetime:
    """A published article without a time goes out now."""
    return published_at or timezone.now()


def publish(article: Article, *, by=None, at: datetime | None = None) -> Article:
    """Publish now, or at ``at`` (a time ahead schedules it).

    Without ``at``, a draft goes out now: a time stored on it is nobody's
    decision to publish then (an Author may have typed 2001, or next week).
    An article published or scheduled already keeps its time, an editor's
    decision, and is left as it is.
    """
    if at is None:
        if _stored_status(article) == Article.Status.PUBLISHED:
            return article
        at = timezone.now()
    return change_status(article, Article.Status.PUBLISHED, at, by=by)


def schedule(article: Article, at: datetime, *, by=None) -> Article:
    """Publish at a time still ahead; the article appears by itself then."""
    if at <= timezone.now():
        raise ValidationError(_("A scheduled time must lie in the future."), code="past")
    return change_status(article, Article.Status.PUBLISHED, at, by=by)


def unpublish(article: Article, *, by=None) -> Article:
    """Take the article down (back to draft); readers who had seen it get 410 Gone."""
    return change_status(article, Article.Status.DRAFT, article.published_at, by=by)


@transaction.atomic
def change_status(article: Article, status: str, published_at: datetime | None, *, by=None):
    """Give ``article`` the ``status`` and time, save it, record and announce what changed.

    Saving with the same status and time is a plain save: nothing is recorded.
    """
    if not may_change_status(by, article, status, published_at):
        raise PermissionDenied(_("Only editors may publish or unpublish articles."))
    was_public = article.pk is not None and _stored_status(article) == Article.Status.PUBLISHED
    was_time = _stored_time(article)
    if status == Article.Status.PUBLISHED:
        published_at = publication_time(published_at)
        if article.first_published_at is None or article.first_published_at > timezone.now():
            # Follows a rescheduled time until the article has actually gone out.
            article.first_published_at = published_at
    article.status, article.published_at = status, published_at
    article.save()
    action = _action(article, was_public, was_time)
    if action is not None:
        StatusChange.objects.create(
            article=article, action=action, published_at=published_at, changed_by=by
        )
        transaction.on_commit(
            lambda: signals.status_changed.send(
                sender=Article, article=article, action=action, by=by
            )
        )
    return article


def _action(article: Article, was_public: bool, was_time: datetime | None) -> str | None:
    if article.status != Article.Status.PUBLISHED:
        return Action.UNPUBLISHED if was_public else None
    if was_public and was_time == article.published_at:
        return None
    if visibility.is_scheduled(article.status, article.published_at):
        return Action.SCHEDULED
    return Action.PUBLISHED


def _stored_status(article: Article) -> str | None:
    """The status the article had when it was loaded (None for a new one)."""
    return article.tracker.previous("status") if article.pk else None


def _stored_time(article: Article) -> datetime | None:
    """The publication time the article had when it was loaded (None for a new one)."""
    return article.tracker.previous("published_at") if article.pk else None
