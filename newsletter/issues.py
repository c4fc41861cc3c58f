"""Putting an issue together: which articles it offers, and adding them to a draft."""

from datetime import datetime, timedelta

from django.db.models import Max, QuerySet
from django.utils import timezone

from articles.models import Article

from .models import IssueArticle, NewsletterIssue

# Without a sent issue, a new one offers the articles of this long.
FIRST_ISSUE_COVERS = timedelta(days=7)


class NotADraft(Exception):
    """The issue is being sent or was sent: its articles are fixed."""


def covers_since() -> datetime:
    """Where a new issue starts: when the last issue was sent, or a week ago."""
    last_sent = NewsletterIssue.objects.filter(status=NewsletterIssue.Status.SENT).aggregate(
        last=Max("sent_at")
    )["last"]
    return last_sent or timezone.now() - FIRST_ISSUE_COVERS


def new_articles(issue: NewsletterIssue) -> QuerySet[Article]:
    """Published articles since the last sent issue that ``issue`` lacks, oldest first."""
    return (
        Article.objects.published()
        .filter(published_at__gt=covers_since())
        .exclude(pk__in=issue.entries.values("article_id"))
        .order_by("published_at", "pk")
    )


def fill(issue: NewsletterIssue) -> int:
    """Add ``new_articles`` after the articles the draft has; returns how many were added."""
    if issue.status != NewsletterIssue.Status.DRAFT:
        raise NotADraft
    position = issue.entries.aggregate(last=Max("position"))["last"] or 0
    entries = [
        IssueArticle(issue=issue, article=article, position=position + offset)
        for offset, article in enumerate(new_articles(issue), start=1)
    ]
    IssueArticle.objects.bulk_create(entries)
    return len(entries)


def is_empty(issue: NewsletterIssue) -> bool:
    """An issue with neither articles nor an introduction has nothing to send."""
    return not issue.entries.exists() and not issue.intro.strip()
