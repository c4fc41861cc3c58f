"""Background work of the articles app, run by the worker (``manage.py db_worker``).

Resizing a featured image takes seconds and hundreds of megabytes for a large
one, so a save only queues it (after the commit); pages show the original
image until the renditions exist.
"""

from django.db import transaction
from django_tasks import task

from foundation import pagecache

from . import cache, images
from .models import Article


@task()
def make_renditions(article_id: int) -> str:
    """Make the resized copies of the article's featured image, if it changed."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "article gone"
    if not images.refresh_renditions(article):
        return "up to date"
    # Cached pages show the original image until now.
    if article.status == Article.Status.PUBLISHED:
        cache.article_changed(article.pk)
    else:
        pagecache.pages_changed(cache.article_tag(article.pk))
    return "made"


def queue_renditions(article: Article) -> None:
    """Queue ``make_renditions`` once the save is committed, unless they exist by then.

    (The demo makes its renditions itself, in the same transaction.) An article
    saved twice in one transaction, created then published, is queued once.
    """

    def enqueue() -> None:
        image = article.featured_image.name or ""
        queued_for = getattr(article, "_renditions_queued_for", None)
        if images.renditions_are_stale(article) and queued_for != image:
            make_renditions.enqueue(article.pk)
            article._renditions_queued_for = image

    # robust: a queue that cannot be reached must not fail the editor's save.
    transaction.on_commit(enqueue, robust=True)
