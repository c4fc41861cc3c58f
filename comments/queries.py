"""Named reads for comments: an article's thread, the latest ones, counts.

An article's thread is one query, turned into a tree in Python, however many
comments it has and however deep they nest.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from articles.cache import article_tag
from articles.models import Article
from foundation import pagecache

from .cache import COMMENTS
from .models import Comment

# The cache keeps this many; a widget shows up to that.
RECENT_CACHED = 20
# A safety net for changes nobody tells us about.
RECENT_CACHE_SECONDS = 600


@dataclass
class Placeholder:
    """Stands in for a comment that is no longer shown but has approved replies."""

    pk: int
    created_at: datetime
    children: list = field(default_factory=list)
    is_placeholder: bool = True


def approved(article: Article):
    return Comment.objects.filter(article=article, status=Comment.Status.APPROVED)


def approved_for(article: Article, extra: Iterable[Comment] = ()) -> list:
    """The approved comments of an article as a tree: top-level comments, oldest first.

    Each comment gets ``children``. ``extra`` adds comments that only the
    current reader may see (their own held ones). A reply whose parent is no
    longer shown hangs under a Placeholder, so the conversation stays readable.
    """
    comments = list(
        approved(article).defer("email", "ip_address", "fingerprint").order_by("created_at", "pk")
    )
    comments.extend(extra)
    by_id: dict[int, object] = {comment.pk: comment for comment in comments}
    for comment in comments:
        comment.children = []
        comment.is_placeholder = False
    roots: list = []
    for comment in sorted(comments, key=lambda c: (c.created_at, c.pk)):
        # Fill in placeholders for missing ancestors, root first.
        parent = None
        for ancestor_id in comment.ancestor_ids:
            node = by_id.get(ancestor_id)
            if node is None:
                node = Placeholder(pk=ancestor_id, created_at=comment.created_at)
                by_id[ancestor_id] = node
                (parent.children if parent is not None else roots).append(node)
            parent = node
        (parent.children if parent is not None else roots).append(comment)
    return roots


def count_nodes(roots: list) -> int:
    """Comments in a tree, placeholders not counted."""
    total = 0
    stack = list(roots)
    while stack:
        node = stack.pop()
        total += not node.is_placeholder
        stack.extend(node.children)
    return total


def held_for(article: Article, ids: Iterable[int]) -> list[Comment]:
    """Those of ``ids`` that wait for moderation on this article."""
    ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
    if not ids:
        return []
    held = (Comment.Status.PENDING, Comment.Status.SPAM)
    return list(Comment.objects.filter(pk__in=ids[:50], article=article, status__in=held))


def reply_target(article: Article, comment_id) -> Comment | None:
    """The approved comment of this article that ``comment_id`` names, if any."""
    try:
        comment_id = int(comment_id)
    except (TypeError, ValueError):
        return None
    if comment_id <= 0 or comment_id > 2**63 - 1:
        return None
    return approved(article).filter(pk=comment_id).first()


def recent_comments(limit: int = 5) -> list[dict]:
    """The latest approved comments on live articles, as plain data; cached.

    Kept until a comment is approved or removed ("comments") or one of the
    articles shown changes (an article taken down leaves the list at once).
    """
    found = pagecache.remember(
        "recent-comments",
        _recent_comments,
        tags=[COMMENTS],
        timeout=RECENT_CACHE_SECONDS,
        tags_of_value=lambda rows: {article_tag(row["article_id"]) for row in rows},
    )
    return found[:limit]


def _recent_comments() -> list[dict]:
    rows = (
        Comment.objects.filter(
            status=Comment.Status.APPROVED, article__in=Article.objects.published()
        )
        .select_related("article__category")
        .only(
            "pk",
            "name",
            "created_at",
            "article__title",
            "article__slug",
            "article__category__slug",
        )
        .order_by("-created_at", "-pk")[:RECENT_CACHED]
    )
    return [
        {
            "pk": comment.pk,
            "name": comment.name,
            "created_at": comment.created_at,
            "article_id": comment.article_id,
            "article_title": comment.article.title,
            "url": comment.get_absolute_url(),
        }
        for comment in rows
    ]
