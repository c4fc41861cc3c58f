"""Records of WordPress imports: which Newsroom object came from which WordPress one."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class WordPressObject(models.Model):
    """One imported WordPress object (author, term, post…) and what it became.

    Keeping the WordPress ID lets a second import update instead of
    duplicating; the checksum tells whether the export changed since.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")
        POST = "post", _("post")
        COMMENT = "comment", _("comment")

    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # A post or term ID, or an author's login.
    wp_id = models.CharField(_("WordPress ID"), max_length=200)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The old address (a post's <link>), kept for redirects.
    url = models.CharField(_("old address"), max_length=500, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        # The tables kept the names they had when the import lived in the project package.
        db_table = "newsroom_wordpressobject"
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="wp_object_unique")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="wp_object_target_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.wp_id} ({self.site})"


def export_upload_to(run: "ImportRun", filename: str) -> str:
    # A random name: exports hold e-mail addresses and media may be served publicly.
    return f"wordpress-imports/{secrets.token_urlsafe(18)}.xml"


class ImportRun(models.Model):
    """A WordPress export uploaded in the admin and imported by the worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    export_file = models.FileField(_("WordPress export (.xml)"), upload_to=export_upload_to)
    dry_run = models.BooleanField(
        _("dry run"), default=False, help_text=_("Only report what would happen; write nothing.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        db_table = "newsroom_importrun"
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.export_file.name} ({self.get_status_display()})"
