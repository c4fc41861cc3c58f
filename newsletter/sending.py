"""Sending an issue: one Delivery per recipient, so an interrupted send resumes, not repeats.

The worker creates the deliveries in batches, then sends the due ones one by
one. Each delivery is claimed with a conditional UPDATE (only one worker can
turn a row from ``pending`` to ``sending``) and committed, the message is
handed to the SMTP server, and ``sent`` is committed only after the server
accepted it. A worker killed mid-send leaves everything it sent marked sent
and at most one row ``sending``: the message it was handing over, which goes
back to pending when the claim turns stale and is sent then (if the server
had already accepted it in the last instant, that one reader gets it twice).
"""

import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from .models import Delivery, NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)

CREATE_BATCH = 2000
# Waits before the 1st, 2nd, … retry of a temporary failure; then the delivery fails.
RETRY_DELAYS = (60, 300, 1800, 7200)


class TemporaryFailure(Exception):
    """The mail server could not take the message now; try again later."""


class PermanentFailure(Exception):
    """The mail server refused the message for good (5xx)."""


def classify(error: Exception) -> Exception:
    """Map an SMTP or network error to a temporary or permanent failure."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in error.recipients.values()]
        code = min(codes) if codes else None
    if isinstance(code, int) and 500 <= code < 600:
        return PermanentFailure(f"{code} {_reason(error)}")
    return TemporaryFailure(f"{code or type(error).__name__} {_reason(error)}".strip())


def _reason(error: Exception) -> str:
    detail = getattr(error, "smtp_error", None) or error
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(
            value[1].decode("utf-8", "replace") if isinstance(value[1], bytes) else str(value[1])
            for value in error.recipients.values()
        )
    return str(detail)[:400]


class Mailer:
    """One open connection to the mail server, reopened after it broke."""

    def __init__(self) -> None:
        self.connection = None

    def send(self, message) -> None:
        """Hand one message to the mail server; raises TemporaryFailure or PermanentFailure."""
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            message.connection = self.connection
            if self.connection.send_messages([message]) != 1:
                raise TemporaryFailure("the mail backend did not send the message")
        except (smtplib.SMTPException, OSError) as error:
            failure = classify(error)
            if isinstance(failure, TemporaryFailure) or isinstance(
                error, smtplib.SMTPServerDisconnected
            ):
                self.close()
            raise failure from error

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                logger.debug("closing a broken mail connection failed", exc_info=True)
            self.connection = None


def start(issue: NewsletterIssue) -> bool:
    """Mark a draft as sending; False when it was not a draft (sent already, or sending)."""
    now = timezone.now()
    return bool(
        NewsletterIssue.objects.filter(pk=issue.pk, status=NewsletterIssue.Status.DRAFT).update(
            status=NewsletterIssue.Status.SENDING, send_started_at=now, heartbeat_at=now
        )
    )


def create_deliveries(issue: NewsletterIssue) -> int:
    """One pending Delivery per confirmed subscriber, streamed and inserted in batches.

    Done once per issue; if a worker dies halfway, the next run completes the
    list (existing pairs are left alone by the unique constraint).
    """
    if issue.recipients_listed_at is not None:
        return 0
    created = 0
    subscriber_ids = (
        Subscriber.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    ).iterator(chunk_size=CREATE_BATCH)
    batch = []
    for subscriber_id in subscriber_ids:
        batch.append(Delivery(issue_id=issue.pk, subscriber_id=subscriber_id))
        if len(batch) >= CREATE_BATCH:
            created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    if batch:
        created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
    issue.recipients_listed_at = timezone.now()
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        recipients_listed_at=issue.recipients_listed_at
    )
    return created


def send_due(
    issue: NewsletterIssue, mailer: Mailer, rendered, *, limit: int, deadline: float
) -> int:
    """Send up to ``limit`` due deliveries before ``deadline`` (monotonic); returns how many
    were handled."""
    handled = 0
    beat = time.monotonic()
    while handled < limit and time.monotonic() < deadline:
        ids = list(Delivery.objects.due(issue).values_list("pk", flat=True)[:100])
        if not ids:
            break
        handled_in_page = 0
        for delivery_id in ids:
            if deliver(delivery_id, mailer, rendered):
                handled += 1
                handled_in_page += 1
            if time.monotonic() - beat > 5:
                beat = time.monotonic()
                beat_now(issue)
            if handled >= limit or time.monotonic() >= deadline:
                break
        if not handled_in_page:
            break  # every due row is held by other workers: leave the rest to them
    beat_now(issue)
    return handled


def beat_now(issue: NewsletterIssue, at=None) -> None:
    """Record a sign of life, or the time the next run is expected (a retry later on)."""
    NewsletterIssue.objects.filter(pk=issue.pk).update(heartbeat_at=at or timezone.now())


def deliver(delivery_id: int, mailer: Mailer, rendered) -> bool:
    """Send one delivery if it is still due and no other worker claimed it; True if handled.

    The claim is committed before the mail server is contacted, so no database
    lock is held during the SMTP conversation (SQLite would block every other
    writer); ``sent`` is committed only once the server accepted the message.
    """
    now = timezone.now()
    with transaction.atomic():
        relax_commit_durability()
        claimed = Delivery.objects.filter(
            pk=delivery_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now
        ).update(status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_id)
    subscriber = delivery.subscriber
    if subscriber.status != Subscriber.Status.CONFIRMED:
        delivery.status = Delivery.Status.SKIPPED
        record(delivery)
        return True
    try:
        mailer.send(rendered.message(subscriber))
    except TemporaryFailure as failure:
        record_temporary_failure(delivery, str(failure))
    except PermanentFailure as failure:
        delivery.status = Delivery.Status.FAILED
        delivery.last_error = str(failure)[:500]
        record(delivery)
    except Exception as error:
        # Not the server's answer but the message itself (a header it cannot carry, a
        # broken template): it would fail again, and an escaping error would leave the
        # delivery claimed and the issue "sending" for good.
        logger.exception("delivery %s could not be sent", delivery_id)
        mailer.close()  # the conversation may have stopped halfway
        delivery.status = Delivery.Status.FAILED
        delivery.last_error = f"{type(error).__name__}: {error}"[:500]
        record(delivery)
    else:
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        record(delivery)
    return True


def record(delivery: Delivery) -> None:
    with transaction.atomic():
        relax_commit_durability()
        delivery.save(
            update_fields=["status", "attempts", "sent_at", "last_error", "next_attempt_at"]
        )


def release_stale_claims(issue: NewsletterIssue) -> int:
    """Deliveries claimed by a worker that died mid-message become pending again.

    At most one per dead worker: the message it was handing over when it died.
    """
    stale = timezone.now() - timedelta(seconds=stall_seconds())
    return Delivery.objects.filter(
        issue=issue, status=Delivery.Status.SENDING, claimed_at__lt=stale
    ).update(status=Delivery.Status.PENDING)


def relax_commit_durability() -> None:
    """On PostgreSQL, commit this transaction without waiting for the disk flush.

    A flush per message (about 10 ms here) would cap sending at ~100 messages a
    second per worker. An asynchronous commit is still atomic and survives a
    killed worker; only a crash of the database server itself can lose the
    last fraction of a second of "sent" marks, whose readers would then get
    that issue a second time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def record_temporary_failure(delivery: Delivery, error: str) -> None:
    delays = getattr(settings, "NEWSLETTER_RETRY_DELAYS", RETRY_DELAYS)
    delivery.last_error = error[:500]
    if delivery.attempts > len(delays):
        delivery.status = Delivery.Status.FAILED
    else:
        delivery.status = Delivery.Status.PENDING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delays[delivery.attempts - 1])
    record(delivery)


def next_run_at(issue: NewsletterIssue):
    """When there may be work again: the first retry, or when a claim would turn stale."""
    moments = Delivery.objects.filter(issue=issue).aggregate(
        retry=Min("next_attempt_at", filter=Q(status=Delivery.Status.PENDING)),
        claim=Min("claimed_at", filter=Q(status=Delivery.Status.SENDING)),
    )
    candidates = [moments["retry"]]
    if moments["claim"]:
        candidates.append(moments["claim"] + timedelta(seconds=stall_seconds() + 1))
    return min((moment for moment in candidates if moment), default=None)


def finish_if_done(issue: NewsletterIssue) -> bool:
    """Mark the issue sent once no delivery is pending or being handed over."""
    open_statuses = [Delivery.Status.PENDING, Delivery.Status.SENDING]
    if Delivery.objects.filter(issue=issue, status__in=open_statuses).exists():
        return False
    NewsletterIssue.objects.filter(pk=issue.pk, status=NewsletterIssue.Status.SENDING).update(
        status=NewsletterIssue.Status.SENT, sent_at=timezone.now()
    )
    return True


def stall_seconds() -> int:
    return getattr(settings, "NEWSLETTER_STALL_SECONDS", 300)


def is_stalled(issue: NewsletterIssue) -> bool:
    """True when no worker has shown progress on a sending issue for a while.

    ``heartbeat_at`` is the last sign of life, or the time a retry is planned for.
    """
    stale = timezone.now() - timedelta(seconds=stall_seconds())
    return issue.heartbeat_at is None or issue.heartbeat_at < stale
