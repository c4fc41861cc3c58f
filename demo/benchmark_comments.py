"""Comments for ``manage.py benchmark``: threads across the articles, one long thread.

The command imports this module (see demo/benchmark.py). About ten
comments per article on average (few on most, many on some), nested as the
comments app nests them, so 20,000 articles carry about 200,000 comments.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection

from articles.models import Article
from comments.models import Comment
from comments.services import refresh_counts

from . import benchmark

AVERAGE_PER_ARTICLE = 10
LONG_THREAD = 300
# Positions in the newsroom's article list: the benchmark's "article" page
# (no comments) and the article with the long thread.
WITHOUT_COMMENTS = 10
WITH_LONG_THREAD = 11

READERS = ["Jana", "Tobias", "Mira", "Henrik", "Aylin", "Paul", "Greta", "Yusuf"]
# Original filler text for the demo comments.
TEXTS = [
    "Danke für den Überblick, das hilft beim Einordnen.",
    "Mir fehlt der Blick auf die kleinen Betriebe.\nDie trifft es zuerst.",
    "Gibt es dazu schon Zahlen aus anderen Städten? https://example.org/zahlen",
    "Sachlich erklärt. Genau so etwas lese ich gern.",
    "Ich sehe das anders: Die Frage wird seit Jahren vertagt.",
]


@benchmark.builder
def add_comments(newsroom: benchmark.Newsroom, new_ids: list[int]) -> None:
    """Add threaded comments to the new articles and keep their comment counts."""
    rng = newsroom.rng
    published = dict(
        Article.objects.filter(pk__in=new_ids).values_list("pk", "published_at").iterator()
    )
    long_thread = _at(newsroom, WITH_LONG_THREAD)
    next_id = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    deepest = max(1, settings.COMMENTS_MAX_DEPTH) - 1
    batch: list[Comment] = []
    for article_id in new_ids:
        if article_id == _at(newsroom, WITHOUT_COMMENTS):
            continue
        if article_id == long_thread:
            count = LONG_THREAD
        else:
            count = min(int(rng.expovariate(1 / AVERAGE_PER_ARTICLE)), 150)
        start = published[article_id]
        latest = newsroom.now - timedelta(minutes=1)
        thread: list[Comment] = []
        for n in range(count):
            parent = rng.choice(thread) if thread and rng.random() < 0.6 else None
            if parent is not None and parent.depth >= deepest:
                # As the comments app does: replies to the deepest level join that level.
                first = thread[0].pk
                parent = thread[parent.ancestor_ids[deepest - 1] - first] if deepest else None
            status = rng.choices(("approved", "pending", "spam"), weights=(90, 7, 3))[0]
            if article_id == long_thread:
                status = "approved"  # exactly LONG_THREAD on the page
            comment = Comment(
                pk=next_id,
                article_id=article_id,
                parent_id=parent.pk if parent else None,
                path=f"{parent.path}{parent.pk}/" if parent else "",
                depth=parent.depth + 1 if parent else 0,
                name=rng.choice(READERS),
                email=f"leser{next_id % 5000}@example.org",
                text=rng.choice(TEXTS),
                status=status,
                created_at=min(start + timedelta(minutes=7 * (n + 1)), latest),
                fingerprint=f"benchmark-{next_id}",
            )
            next_id += 1
            thread.append(comment)
        batch += thread
        if len(batch) >= benchmark.BATCH * 5:
            Comment.objects.bulk_create(batch, batch_size=benchmark.BATCH)
            batch = []
    Comment.objects.bulk_create(batch, batch_size=benchmark.BATCH)
    # Ids were given here, not by the database: move its sequence past them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
            cursor.execute(statement)
    for start in range(0, len(new_ids), benchmark.BATCH):
        refresh_counts(new_ids[start : start + benchmark.BATCH])


def _at(newsroom: benchmark.Newsroom, position: int) -> int | None:
    ids = newsroom.article_ids
    return ids[position] if len(ids) > position else None


@benchmark.page(f"article, {LONG_THREAD} comments")
def _article_with_long_thread(newsroom: benchmark.Newsroom) -> str | None:
    article_id = _at(newsroom, WITH_LONG_THREAD)
    if article_id is None:
        return None
    return Article.objects.select_related("category").get(pk=article_id).get_absolute_url()
