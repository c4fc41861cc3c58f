"""The mails the newsletter sends: confirmation, welcome and issues, each multipart.

Every mail carries the reader's unsubscribe link in the text and in the
List-Unsubscribe headers (RFC 2369 and RFC 8058 one-click).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.links import absolute_url

from . import links

# Stands for the personal unsubscribe address in an issue rendered once for everyone.
UNSUBSCRIBE_PLACEHOLDER = "__NEWSLETTER_UNSUBSCRIBE_URL__"


def unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def build(to: str, subject: str, text: str, html: str, unsubscribe_url: str, connection=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=unsubscribe_headers(unsubscribe_url),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def _render_pair(name: str, context: dict) -> tuple[str, str]:
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    text = render_to_string(f"newsletter/mail/{name}.txt", context)
    html = render_to_string(f"newsletter/mail/{name}.html", context)
    return text, html


def confirmation(subscriber, connection=None) -> EmailMultiAlternatives:
    with translation.override(subscriber.language):
        unsubscribe = links.unsubscribe_url(subscriber)
        text, html = _render_pair(
            "confirmation",
            {
                "subscriber": subscriber,
                "confirm_url": links.confirm_url(subscriber),
                "unsubscribe_url": unsubscribe,
                "max_age_days": getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 7 * 24 * 3600)
                // 86400,
            },
        )
        subject = _("Please confirm your subscription to %(site)s") % {"site": settings.SITE_NAME}
    return build(subscriber.email, subject, text, html, unsubscribe, connection)


def welcome(subscriber, connection=None) -> EmailMultiAlternatives:
    with translation.override(subscriber.language):
        unsubscribe = links.unsubscribe_url(subscriber)
        text, html = _render_pair(
            "welcome", {"subscriber": subscriber, "unsubscribe_url": unsubscribe}
        )
        subject = _("Welcome to the %(site)s newsletter") % {"site": settings.SITE_NAME}
    return build(subscriber.email, subject, text, html, unsubscribe, connection)


class RenderedIssue:
    """An issue rendered once per language; only the unsubscribe link differs per reader."""

    def __init__(self, issue) -> None:
        self.issue = issue
        self.articles = issue.ordered_articles()
        self._cache: dict[str, tuple[str, str]] = {}

    def parts(self, language: str) -> tuple[str, str]:
        if language not in self._cache:
            with translation.override(language):
                self._cache[language] = _render_pair(
                    "issue",
                    {
                        "issue": self.issue,
                        "articles": self.articles,
                        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
                    },
                )
        return self._cache[language]

    def sample_parts(self, language: str) -> tuple[str, str]:
        """Text and HTML for previews and tests: the unsubscribe link leads to the sign-up page."""
        url = absolute_url(reverse("newsletter:signup"))
        return tuple(part.replace(UNSUBSCRIBE_PLACEHOLDER, url) for part in self.parts(language))

    def sample(self, email: str, language: str, connection=None) -> EmailMultiAlternatives:
        """The issue for an editor's test: as readers get it, without a personal link."""
        text, html = self.sample_parts(language)
        url = absolute_url(reverse("newsletter:signup"))
        return build(email, self.issue.subject, text, html, url, connection)

    def message(self, subscriber, connection=None) -> EmailMultiAlternatives:
        text, html = self.parts(subscriber.language)
        url = links.unsubscribe_url(subscriber)
        return build(
            subscriber.email,
            self.issue.subject,
            text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
            html.replace(UNSUBSCRIBE_PLACEHOLDER, url),
            url,
            connection,
        )
