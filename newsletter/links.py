"""Personal links in newsletter mails: signed confirmation links and unsubscribe links."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from articles.links import absolute_url

CONFIRM_SALT = "newsletter.confirm"


def confirm_url(subscriber) -> str:
    """A link that confirms the subscription; it expires (NEWSLETTER_CONFIRM_MAX_AGE)."""
    signed = signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.token)
    return absolute_url(reverse("newsletter:confirm", kwargs={"signed": signed}))


def token_from_confirmation(signed: str) -> str:
    """The subscriber token in a confirmation link; raises signing.BadSignature or
    signing.SignatureExpired."""
    max_age = getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 7 * 24 * 3600)
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(signed, max_age=max_age)


def unsubscribe_url(subscriber) -> str:
    """The personal unsubscribe link; the same address takes the RFC 8058 one-click POST."""
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": subscriber.token}))
