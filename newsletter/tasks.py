"""Background work of the newsletter, run by the worker (``manage.py db_worker``).

No mail leaves during a web request: a sign-up enqueues its follow-up (which
enqueues the confirmation), the admin's "send" enqueues the issue. Tasks
carry ids only, never addresses.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import mails, sending
from .models import NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)

# A run of send_issue sends for at most this long, then hands over to a fresh task,
# so a graceful worker shutdown never waits long and progress is committed often.
RUN_SECONDS = 30
RUN_LIMIT = 5000
PARALLEL_SENDS = 2


@task()
def follow_up_sign_up(
    subscriber_id: int | None, source: str, language: str, consent_note: str, requested_at: str
) -> str:
    """The part of a sign-up that depends on the address's state (``signup.follow_up``)."""
    from . import signup  # signup queues this task

    return signup.follow_up(subscriber_id, source, language, consent_note, requested_at)


@task()
def send_subscriber_mail(subscriber_id: int, kind: str, attempt: int = 1) -> str:
    """Send the confirmation or welcome mail; retried with backoff while the server is down."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "subscriber gone"
    if kind == "confirmation" and subscriber.status != Subscriber.Status.PENDING:
        return "not pending any more"
    if kind == "welcome" and subscriber.status != Subscriber.Status.CONFIRMED:
        return "not confirmed any more"
    message = (
        mails.confirmation(subscriber) if kind == "confirmation" else mails.welcome(subscriber)
    )
    mailer = sending.Mailer()
    try:
        mailer.send(message)
    except sending.TemporaryFailure as failure:
        delays = getattr(settings, "NEWSLETTER_RETRY_DELAYS", sending.RETRY_DELAYS)
        if attempt > len(delays):
            logger.warning(
                "giving up on %s mail to subscriber %s: %s", kind, subscriber_id, failure
            )
            return f"failed: {failure}"
        run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
        send_subscriber_mail.using(run_after=run_after).enqueue(subscriber_id, kind, attempt + 1)
        return f"retry planned: {failure}"
    except sending.PermanentFailure as failure:
        logger.warning("%s mail to subscriber %s refused: %s", kind, subscriber_id, failure)
        return f"refused: {failure}"
    finally:
        mailer.close()
    return "sent"


@task()
def send_issue(issue_id: int) -> str:
    """Create the deliveries of an issue and send the due ones for a while, then hand over."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != NewsletterIssue.Status.SENDING:
        return "not sending"
    sending.beat_now(issue)
    sending.create_deliveries(issue)
    sending.release_stale_claims(issue)
    mailer = sending.Mailer()
    try:
        handled = sending.send_due(
            issue,
            mailer,
            mails.RenderedIssue(issue),
            limit=getattr(settings, "NEWSLETTER_RUN_LIMIT", RUN_LIMIT),
            deadline=time.monotonic() + getattr(settings, "NEWSLETTER_RUN_SECONDS", RUN_SECONDS),
        )
    finally:
        mailer.close()
    if sending.finish_if_done(issue):
        return f"{handled} handled; issue sent"
    run_at = sending.next_run_at(issue)
    if run_at and run_at > timezone.now():
        # Nothing due now (retries later, or another worker's message in flight).
        sending.beat_now(issue, at=run_at)
        send_issue.using(run_after=run_at).enqueue(issue_id)
    else:
        send_issue.enqueue(issue_id)
    return f"{handled} handled; more to do"


@task()
def watch_issue(issue_id: int) -> str:
    """Restart sending when the worker that sent an issue died (killed, machine lost).

    Runs every half stall period while the issue is sending; one watcher per issue.
    """
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != NewsletterIssue.Status.SENDING:
        return "done"
    stall = getattr(settings, "NEWSLETTER_STALL_SECONDS", 300)
    result = "alive"
    if sending.is_stalled(issue):
        sending.beat_now(issue)
        send_issue.enqueue(issue_id)
        result = "restarted"
    watch_issue.using(run_after=timezone.now() + timedelta(seconds=stall / 2)).enqueue(issue_id)
    return result


@task()
def send_test_issue(issue_id: int, email: str, language: str) -> str:
    """The issue as a reader would get it, to one editor's address; no delivery recorded."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        return "issue gone"
    mailer = sending.Mailer()
    try:
        mailer.send(mails.RenderedIssue(issue).sample(email, language))
    finally:
        mailer.close()
    return "sent"


def enqueue_send(issue: NewsletterIssue) -> bool:
    """Start sending an issue in the background; False when it is not a draft.

    NEWSLETTER_PARALLEL_SENDS runs share the deliveries, so that many workers
    can send one issue side by side; with a single worker they take turns.
    """
    with transaction.atomic():
        if not sending.start(issue):
            return False
        for _ in range(getattr(settings, "NEWSLETTER_PARALLEL_SENDS", PARALLEL_SENDS)):
            send_issue.enqueue(issue.pk)
        watch_issue.enqueue(issue.pk)
    return True
