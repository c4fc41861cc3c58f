"""What happens when a comment is posted or moderated: the writes and what follows.

Mail is only ever queued here (comments/tasks.py sends it), and a failure to
queue is logged, never passed on: posting a comment must not fail or wait
because of mail.
"""

import hashlib
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article

from . import moderation
from .models import Comment
from .signals import public_comments_changed

logger = logging.getLogger(__name__)


class DuplicateComment(Exception):
    """The same author already said the same on this article."""

    def __init__(self, existing: Comment | None):
        super().__init__("duplicate comment")
        self.existing = existing


def max_depth() -> int:
    return max(1, settings.COMMENTS_MAX_DEPTH)


def fingerprint(email: str, text: str, parent: Comment | None = None) -> str:
    """Same author, same place in the thread, same words (spacing and case aside)."""
    normalized = " ".join(moderation.normalize(text).split())
    material = f"{email.strip().lower()}\n{parent.pk if parent else ''}\n{normalized}"
    return hashlib.sha256(material.encode()).hexdigest()


def attach_point(parent: Comment | None) -> Comment | None:
    """The comment a reply hangs under: ``parent``, or its ancestor at the deepest level."""
    if parent is None:
        return None
    deepest = max_depth() - 1
    if parent.depth < deepest:
        return parent
    if deepest == 0:
        return None  # threads are switched off: every comment stands alone
    # Replies to the deepest level become siblings at that level.
    return Comment.objects.get(pk=parent.ancestor_ids[deepest - 1])


def new_comment(article: Article, parent: Comment | None, **fields) -> Comment:
    """An unsaved comment with its place in the thread and its fingerprint filled in."""
    return Comment(
        article=article,
        parent=parent,
        path=f"{parent.path}{parent.pk}/" if parent else "",
        depth=parent.depth + 1 if parent else 0,
        fingerprint=fingerprint(fields["email"], fields["text"], parent),
        **fields,
    )


def post_comment(
    *,
    article: Article,
    parent: Comment | None,
    name: str,
    email: str,
    url: str,
    text: str,
    notify_on_reply: bool,
    user=None,
    ip_address: str | None = None,
) -> Comment:
    """Save a new comment with the status the rules give it. Raises DuplicateComment.

    A comment by newsroom staff goes out at once, labelled as such, under the
    account's name and address: never under a name the form was given.
    """
    parent = attach_point(parent)
    is_from_staff = moderation.is_staff_author(user)
    if is_from_staff:
        name, email = staff_signature(user, email)
    comment = new_comment(
        article,
        parent,
        name=name,
        email=email,
        url=url,
        text=text,
        notify_on_reply=notify_on_reply,
        user=user if user is not None and user.is_authenticated else None,
        is_from_staff=is_from_staff,
        ip_address=ip_address or None,
        created_at=timezone.now(),
    )
    existing = Comment.objects.filter(article=article, fingerprint=comment.fingerprint).first()
    if existing is not None:
        raise DuplicateComment(existing)
    comment.status = moderation.decide(comment)
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError as error:
        # Two submits raced past the check above; the other one won.
        existing = Comment.objects.filter(article=article, fingerprint=comment.fingerprint).first()
        raise DuplicateComment(existing) from error
    after_status_change([comment], previous={comment.pk: None})
    return comment


def staff_signature(user, typed_email: str) -> tuple[str, str]:
    """The name and address a staff member's comment carries: the account's.

    An account without an address keeps the one typed in (it is never shown).
    """
    name = " ".join((user.get_full_name() or user.get_username()).split())
    max_length = Comment._meta.get_field("name").max_length
    return name[:max_length], user.email or typed_email


def change_status(comments: Iterable[Comment], status: str, by=None) -> int:
    """Moderate: give ``comments`` a new status, note who did it and when."""
    comments = [comment for comment in comments if comment.status != status]
    if not comments:
        return 0
    previous = {comment.pk: comment.status for comment in comments}
    now = timezone.now()
    Comment.objects.filter(pk__in=previous).update(
        status=status, status_changed_by=by, status_changed_at=now
    )
    for comment in comments:
        comment.status, comment.status_changed_by, comment.status_changed_at = status, by, now
    after_status_change(comments, previous)
    return len(comments)


def after_status_change(comments: list[Comment], previous: dict) -> None:
    """Keep counts and the widget fresh, and queue the mails the change calls for."""
    touched_approved = any(
        Comment.Status.APPROVED in (comment.status, previous.get(comment.pk))
        for comment in comments
    )
    if touched_approved:
        approved_comments_changed({comment.article_id for comment in comments})
    if any(comment.status == Comment.Status.PENDING for comment in comments):
        queue(lambda: _enqueue_digest())
    for comment in comments:
        if comment.status == Comment.Status.APPROVED and comment.parent_id:
            queue(lambda pk=comment.pk: _enqueue_reply_notification(pk))


def approved_comments_changed(article_ids: set[int]) -> None:
    """Approved comments appeared or went: recount, and tell the site (pages, widgets)."""
    refresh_counts(article_ids)
    public_comments_changed.send(sender=Comment, article_ids=article_ids)


def refresh_counts(article_ids: Iterable[int]) -> None:
    """Recount approved comments of these articles (Article.comment_count)."""
    approved = (
        Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by()
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Article.objects.filter(pk__in=list(article_ids)).update(
        comment_count=Coalesce(Subquery(approved), Value(0))
    )


def queue(action) -> None:
    """Run ``action`` (which queues a task) after the commit; log and swallow failures."""

    def safely():
        try:
            action()
        except Exception:
            logger.exception("Could not queue a comment mail.")

    transaction.on_commit(safely)


def _enqueue_digest() -> None:
    from .tasks import send_moderation_digest

    send_moderation_digest.enqueue()


def _enqueue_reply_notification(comment_id: int) -> None:
    from .tasks import send_reply_notification

    send_reply_notification.enqueue(comment_id)


def stop_reply_notifications(email: str) -> int:
    """Turn off reply notifications on every comment written with this address."""
    return Comment.objects.filter(email__iexact=email, notify_on_reply=True).update(
        notify_on_reply=False
    )


def erase_ip_addresses(older_than_days: int) -> int:
    cutoff = timezone.now() - timedelta(days=older_than_days)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .filter(~Q(ip_address=None))
        .update(ip_address=None)
    )
