"""Newsletter data: who subscribed and how they consented, issues, and one delivery per mail."""

import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .queries import DeliveryQuerySet, SubscriberQuerySet


def new_token() -> str:
    return secrets.token_urlsafe(32)


def is_one_line(text: str) -> bool:
    """No control characters (line breaks, tabs, …) and no line or paragraph separators."""
    return not any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in text)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        SIDEBAR = "sidebar", _("Sidebar form")
        ARTICLE = "article", _("Form under an article")
        PAGE = "page", _("Newsletter page")
        IMPORT = "import", _("CSV import")

    email = models.EmailField(_("e-mail address"), max_length=254)
    name = models.CharField(_("name"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    language = models.CharField(_("language"), max_length=8, default="de")
    # The secret in every personal link (confirm, unsubscribe); never shown in the admin.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_source = models.CharField(
        _("consent given in"), max_length=10, choices=Source.choices, blank=True
    )
    consent_version = models.CharField(_("consent wording version"), max_length=40, blank=True)
    consent_note = models.CharField(_("consent note"), max_length=300, blank=True)
    confirmation_sent_at = models.DateTimeField(_("last confirmation mail"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="subscriber_unique_email",
                violation_error_message=_("This address is subscribed already."),
            )
        ]
        indexes = [models.Index(fields=["status"], name="subscriber_status_idx")]

    def __str__(self) -> str:
        return self.email

    def confirm(self) -> None:
        """Double opt-in completed: from now on the address receives issues."""
        self.status = self.Status.CONFIRMED
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])

    def unsubscribe(self) -> None:
        if self.status != self.Status.UNSUBSCRIBED:
            self.status = self.Status.UNSUBSCRIBED
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["status", "unsubscribed_at"])


class NewsletterIssue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=5000,
        help_text=_("Plain text; shown above the articles."),
    )
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles"), through="IssueArticle", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Set once a Delivery exists for every recipient; who confirms later waits for the next issue.
    recipients_listed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Written by the worker while it sends; a stale value means the worker died.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_newsletterissue", _("Can send newsletter issues"))]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        super().clean()
        if not is_one_line(self.subject):
            # A mail header cannot carry it: every delivery of the issue would fail.
            message = _(
                "The subject must be a single line, without line breaks, tabs "
                "or other control characters."
            )
            raise ValidationError({"subject": ValidationError(message, code="not_one_line")})

    def ordered_articles(self) -> list[Article]:
        return [
            entry.article
            for entry in self.entries.select_related("article", "article__category").order_by(
                "position", "pk"
            )
        ]


class IssueArticle(models.Model):
    """An article in an issue, at a position."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="entries")
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="issue_article_once")
        ]

    def __str__(self) -> str:
        return str(self.article)


class Delivery(models.Model):
    """One issue to one subscriber: the record that keeps anyone from getting it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Being handed to the mail server")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed meanwhile)")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once_per_issue")
        ]
        indexes = [
            models.Index(fields=["issue", "status", "next_attempt_at"], name="delivery_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"
