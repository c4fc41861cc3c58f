"""Moderation rules: may this article take comments, and is this comment held?

Plain functions, testable without HTTP. The editable rules come from the
single ModerationSettings row, read through a short cache.
"""

import operator
import re
import unicodedata
from datetime import timedelta
from functools import reduce

from django.db.models import Q
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


def has_links(comment: Comment) -> bool:
    """Links in the text, or a website (the name then links to it)."""
    return bool(comment.url) or count_links(comment.text) > 0


# What LINK_PATTERN finds, as a filter: a comment with a link or a website.
WITH_LINKS = ~Q(url="") | reduce(
    operator.or_, (Q(text__icontains=start) for start in ("http://", "https://", "ftp://", "www."))
)


def is_known_author(comment: Comment) -> bool:
    """The author had a comment approved before: the same name and address, in any case,
    as WordPress checks. For a comment with links, one that had links too.

    Name and address are no secret (the name is shown, an address may be known):
    who uses a regular's can post as them, but not links until theirs were approved.
    """
    approved = Comment.objects.filter(
        name__iexact=comment.name, email__iexact=comment.email, status=Comment.Status.APPROVED
    )
    if has_links(comment):
        approved = approved.filter(WITH_LINKS)
    return approved.exists()


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
    if rules.hold_first_comments and not is_known_author(comment):
        return Comment.Status.PENDING
    return Comment.Status.APPROVED


def is_staff_author(user) -> bool:
    """Comments by logged-in newsroom staff go out at once, labelled as such."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
