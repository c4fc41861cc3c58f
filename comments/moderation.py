"""Moderation rules: may this article take comments, and is this comment held?

Plain functions, testable without HTTP. The editable rules come from the
single ModerationSettings row, read through a short cache.
"""

import re
import unicodedata
from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from foundation import pagecache

from .cache import MODERATION_SETTINGS
from .models import Comment, ModerationSettings

SETTINGS_CACHE_SECONDS = 300

# Counted as a link: anything a reader would take for one.
LINK_PATTERN = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)


def current_settings() -> ModerationSettings:
    """The moderation settings; cached, and read again in every process once saved."""
    return pagecache.remember(
        "moderation-settings",
        ModerationSettings.load,
        tags=[MODERATION_SETTINGS],
        timeout=SETTINGS_CACHE_SECONDS,
    )


def settings_changed() -> None:
    """The rules changed: every process reads them again, and pages with comment forms
    (open or closed by the rules) are made again."""
    pagecache.pages_changed(MODERATION_SETTINGS, pagecache.SITE)


def comments_are_open(article: Article, rules: ModerationSettings | None = None) -> bool:
    """Open when the article allows it and the closing period has not passed."""
    if not article.comments_open or not article.is_live:
        return False
    rules = rules or current_settings()
    if rules.close_after_days is None:
        return True
    return timezone.now() < article.published_at + timedelta(days=rules.close_after_days)


def normalize(text: str) -> str:
    """Fold case and look-alike characters (full-width letters and the like)."""
    return unicodedata.normalize("NFKC", text).casefold()


def word_pattern(entries: str) -> re.Pattern | None:
    """One pattern for a list of words, one a line; "word*" also matches longer words.

    Whole words only, so that a listed "ass" does not hold a comment about a class.
    """
    parts = []
    for line in entries.splitlines():
        entry = normalize(line.strip())
        if not entry:
            continue
        prefix = entry.endswith("*")
        entry = entry.rstrip("*").strip()
        if not entry:
            continue
        tail = r"\w*" if prefix else ""
        parts.append(rf"(?<!\w){re.escape(entry)}{tail}(?!\w)")
    if not parts:
        return None
    return re.compile("|".join(parts))


def contains_listed_word(comment: Comment, entries: str) -> bool:
    pattern = word_pattern(entries)
    if pattern is None:
        return False
    haystack = "\n".join(
        normalize(value or "")
        for value in (comment.name, comment.email, comment.url, comment.text, comment.ip_address)
    )
    return pattern.search(haystack) is not None


def count_links(text: str) -> int:
    return len(LINK_PATTERN.findall(text))


def has_approved_comment(email: str) -> bool:
    return Comment.objects.filter(email__iexact=email, status=Comment.Status.APPROVED).exists()


def decide(comment: Comment, rules: ModerationSettings | None = None) -> Comment.Status:
    """The status a new comment starts with."""
    if comment.is_from_staff:
        return Comment.Status.APPROVED
    rules = rules or current_settings()
    if contains_listed_word(comment, rules.block_words):
        return Comment.Status.SPAM
    if contains_listed_word(comment, rules.moderation_words):
        return Comment.Status.PENDING
    if count_links(comment.text) > rules.link_limit:
        return Comment.Status.PENDING
    if rules.hold_first_comments and not has_approved_comment(comment.email):
        return Comment.Status.PENDING
    return Comment.Status.APPROVED


def is_staff_author(user) -> bool:
    """Comments by logged-in newsroom staff go out at once, labelled as such."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
