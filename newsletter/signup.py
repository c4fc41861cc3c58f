"""The rules of signing up and leaving: double opt-in, recorded consent, quiet answers.

``request_subscription`` does the same work whatever the address's state (new,
pending, confirmed, unsubscribed): neither its answer nor the time it takes
tells who subscribes. What depends on the state, ``follow_up``, is done by
the background worker.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Subscriber
from .tasks import follow_up_sign_up, send_subscriber_mail

# Bump when the consent wording next to the form changes; each consent records it.
CONSENT_VERSION = "2026-11-1"
RESEND_AFTER = timedelta(hours=1)


def consent(at: datetime, source: str, note: str) -> dict:
    """The consent fields of a sign-up made at ``at`` in ``source``."""
    return {
        "consented_at": at,
        "consent_source": source,
        "consent_version": CONSENT_VERSION,
        "consent_note": note,
    }


def request_subscription(
    email: str, name: str = "", *, source: str, language: str, consent_note: str = ""
) -> None:
    """Record a sign-up: the same three statements for every address.

    A new address is inserted (a known one is left alone by the unique index),
    its id looked up, and the follow-up queued for the worker.
    """
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=email.strip(),
                    name=name,
                    language=language,
                    **consent(now, source, consent_note),
                )
            ],
            ignore_conflicts=True,
        )
        subscriber_id = Subscriber.objects.with_email(email).values_list("pk", flat=True).first()
        follow_up_sign_up.enqueue(subscriber_id, source, language, consent_note, now.isoformat())


def follow_up(
    subscriber_id: int | None, source: str, language: str, consent_note: str, requested_at: str
) -> str:
    """What a sign-up does for the address's state; sends the confirmation mail when due."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "subscriber gone"
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return "confirmed already"
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        # Subscribing again: a fresh consent, confirmed again by mail.
        at = datetime.fromisoformat(requested_at)
        for field, value in consent(at, source, consent_note).items():
            setattr(subscriber, field, value)
        subscriber.status = Subscriber.Status.PENDING
        subscriber.language = language
        subscriber.save()
    if not claim_confirmation_mail(subscriber, timezone.now()):
        return "confirmation sent recently"
    send_subscriber_mail.enqueue(subscriber.pk, "confirmation")
    return "confirmation queued"


def claim_confirmation_mail(subscriber: Subscriber, now) -> bool:
    """True if a confirmation mail may go out now: at most one an hour per address.

    A conditional UPDATE, so two simultaneous sign-ups send one mail.
    """
    due = Subscriber.objects.filter(pk=subscriber.pk).filter(
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=now - RESEND_AFTER)
    )
    return bool(due.update(confirmation_sent_at=now))


def confirm(subscriber: Subscriber) -> bool:
    """Confirm a pending subscription and send the welcome mail; False if nothing changed."""
    if subscriber.status != Subscriber.Status.PENDING:
        return False
    subscriber.confirm()
    send_subscriber_mail.enqueue(subscriber.pk, "welcome")
    return True
