"""The rules of signing up and leaving: double opt-in, recorded consent, quiet answers.

``request_subscription`` behaves the same to the outside whatever the address's
state, so the form never reveals who subscribes; only what happens behind
it differs.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Subscriber
from .tasks import send_subscriber_mail

# Bump when the consent wording next to the form changes; each consent records it.
CONSENT_VERSION = "2026-11-1"
RESEND_AFTER = timedelta(hours=1)


def request_subscription(
    email: str, name: str = "", *, source: str, language: str, consent_note: str = ""
) -> None:
    """Record a sign-up and (re)send the confirmation mail when that is due."""
    now = timezone.now()
    consent = {
        "consented_at": now,
        "consent_source": source,
        "consent_version": CONSENT_VERSION,
        "consent_note": consent_note,
    }
    with transaction.atomic():
        subscriber = Subscriber.objects.with_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email.strip(), name=name, language=language, **consent
                    )
            except IntegrityError:
                # The same address arrived at the same moment in another request.
                return
        elif subscriber.status == Subscriber.Status.CONFIRMED:
            return
        elif subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            # Subscribing again: a fresh consent, confirmed again by mail.
            for field, value in consent.items():
                setattr(subscriber, field, value)
            subscriber.status = Subscriber.Status.PENDING
            subscriber.language = language
            subscriber.save()
        if claim_confirmation_mail(subscriber, now):
            send_subscriber_mail.enqueue(subscriber.pk, "confirmation")


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
