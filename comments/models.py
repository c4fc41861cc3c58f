"""Readers' comments on articles, and the moderation rules editors can change."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # Ancestor ids, root first, each followed by "/": the thread can be drawn,
    # and an ancestor found, without walking up one query at a time.
    path = models.CharField(max_length=255, blank=True, default="", editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"), max_length=254)
    url = models.URLField(_("website"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("written"), db_index=True)
    # Kept for spam defence only; erase_comment_ips clears it after a while.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    notify_on_reply = models.BooleanField(_("notify of replies"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    is_from_staff = models.BooleanField(_("from the newsroom"), default=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # One comment per author and text on an article: a double submit finds this.
    fingerprint = models.CharField(max_length=64, editable=False)
    moderators_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    parent_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can approve, remove and mark comments as spam"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_status_idx"),
            models.Index(fields=["email", "status"], name="comment_email_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="comment_unique_per_author_and_text"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=models.F("pk")),
                name="comment_not_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return _("Comment by %(name)s") % {"name": self.name}

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split("/") if part]

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_held(self) -> bool:
        """Not public (yet); its author sees it as awaiting moderation."""
        return self.status in (self.Status.PENDING, self.Status.SPAM)


class ModerationSettings(models.Model):
    """The rules editors tune in the admin; there is exactly one row."""

    link_limit = models.PositiveSmallIntegerField(
        _("most links before holding"),
        default=2,
        help_text=_("A comment with more links than this waits for moderation."),
    )
    hold_first_comments = models.BooleanField(
        _("hold first comments"),
        default=True,
        help_text=_("Hold a comment when its author has no approved comment yet."),
    )
    moderation_words = models.TextField(
        _("moderation list"),
        blank=True,
        help_text=_(
            "One word, phrase or IP address a line. A comment containing one waits "
            "for moderation. End a word with * to match words that begin with it."
        ),
    )
    block_words = models.TextField(
        _("block list"),
        blank=True,
        help_text=_("Same format. A comment containing one of these is marked as spam."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after days"),
        null=True,
        blank=True,
        help_text=_("Close comments this many days after publication. Empty: never."),
    )
    digest_interval_minutes = models.PositiveSmallIntegerField(
        _("minutes between moderator e-mails"),
        default=15,
        help_text=_("Held comments are listed in at most one e-mail per this many minutes."),
    )
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    digest_due_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("moderation settings")
        verbose_name_plural = _("moderation settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="moderation_singleton")]

    def __str__(self) -> str:
        return str(_("Moderation settings"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "ModerationSettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row
