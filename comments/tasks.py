"""Mail about comments, sent by the background worker (``manage.py db_worker``)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django_tasks import task

from articles.links import absolute_url

from .models import Comment, ModerationSettings

logger = logging.getLogger(__name__)

STOP_SALT = "comments.stop-reply-notifications"


def stop_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=STOP_SALT, compress=True)


def email_from_stop_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None


def moderator_addresses() -> list[str]:
    permission = Permission.objects.get(
        content_type__app_label="comments", codename="moderate_comment"
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions=permission)
            | Q(user_permissions=permission)
        )
        .distinct()
        .order_by("pk")
    )
    return [user.email for user in users]


@task()
def send_reply_notification(comment_id: int) -> bool:
    """Tell the parent's author about an approved reply, once; True when mailed."""
    reply = (
        Comment.objects.select_related("parent", "article__category").filter(pk=comment_id).first()
    )
    if reply is None or reply.status != Comment.Status.APPROVED or reply.parent is None:
        return False
    parent = reply.parent
    if (
        not parent.notify_on_reply
        or parent.status == Comment.Status.SPAM
        or parent.email.strip().lower() == reply.email.strip().lower()
    ):
        return False
    # Claim the notification first, so two workers never both send it.
    claimed = Comment.objects.filter(pk=reply.pk, parent_notified_at__isnull=True).update(
        parent_notified_at=timezone.now()
    )
    if not claimed:
        return False
    stop_url = absolute_url(reverse("comments:stop", kwargs={"token": stop_token(parent.email)}))
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "reply": reply,
            "parent": parent,
            "article": reply.article,
            "reply_url": absolute_url(reply.get_absolute_url()),
            "stop_url": stop_url,
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("comments/email/reply_subject.txt", context)
        body = render_to_string("comments/email/reply_body.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[parent.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    try:
        message.send()
    except Exception:
        # Let a later run try again.
        Comment.objects.filter(pk=reply.pk).update(parent_notified_at=None)
        raise
    return True


@task()
def send_moderation_digest() -> int:
    """Mail moderators the comments held since the last mail; at most one mail per interval.

    Returns how many comments the mail listed (0 when none was sent).
    """
    with transaction.atomic():
        ModerationSettings.load()
        rules = ModerationSettings.objects.select_for_update().get(pk=1)
        waiting = Comment.objects.filter(
            status=Comment.Status.PENDING, moderators_notified_at__isnull=True
        )
        if not waiting.exists():
            return 0
        now = timezone.now()
        interval = timedelta(minutes=rules.digest_interval_minutes)
        if rules.last_digest_at and now < rules.last_digest_at + interval:
            due = rules.last_digest_at + interval
            if rules.digest_due_at is None or rules.digest_due_at <= now:
                rules.digest_due_at = due
                rules.save(update_fields=["digest_due_at"])
                _send_later(due)
            return 0
        held = list(waiting.select_related("article__category").order_by("created_at", "pk"))
        recipients = moderator_addresses()
        if recipients:
            _mail_digest(held, recipients)
        Comment.objects.filter(pk__in=[c.pk for c in held]).update(moderators_notified_at=now)
        rules.last_digest_at = now
        rules.digest_due_at = None
        rules.save(update_fields=["last_digest_at", "digest_due_at"])
        return len(held) if recipients else 0


def _send_later(when) -> None:
    backend = send_moderation_digest.get_backend()
    if backend.supports_defer:
        send_moderation_digest.using(run_after=when).enqueue()
    else:
        logger.info("The task backend cannot defer; the next held comment sends the digest.")


def quote(text: str, limit: int = 300) -> str:
    """A comment as a quote: every line starts with ">", so no line of it can pass
    for the mail's own (a fake "moderate here" link, say)."""
    lines = Truncator(text).chars(limit).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _mail_digest(held: list[Comment], recipients: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "comments": [
                {
                    "comment": comment,
                    "author": " ".join(comment.name.split()),
                    "quote": quote(comment.text),
                    "article_url": absolute_url(comment.article.get_absolute_url()),
                }
                for comment in held
            ],
            "queue_url": absolute_url(reverse("admin:comments_comment_changelist"))
            + "?status=pending",
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("comments/email/digest_subject.txt", context)
        body = render_to_string("comments/email/digest_body.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=recipients,
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
