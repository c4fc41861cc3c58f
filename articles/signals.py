"""Wiring only: saves of articles and their parts (admin, importer, shell) tell the page cache.

Connected in ``ArticlesConfig.ready``. What a change refreshes is decided in
``articles.cache``; what an article was before the save comes from its
``FieldTracker`` (``Article.tracker``), read while the save is under way.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from foundation import pagecache

from . import cache
from .models import Article, AuthorProfile, Byline, Category, RelatedArticle, Source

# Sent once a status change made through ``articles.publishing`` is committed:
# ``article`` (the Article), ``action`` ("published", "scheduled" or
# "unpublished") and ``by`` (the user, or None for the system).
status_changed = Signal()


def connect() -> None:
    post_save.connect(_article_saved, sender=Article, dispatch_uid="cache_article_saved")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="cache_article_deleted")
    m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="cache_tags")
    for model in (Byline, Source, RelatedArticle):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_s")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_d")
    for model in (Category, AuthorProfile):
        # Shown on every page (navigation, author boxes); rare edits refresh everything.
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_s")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_d")


def _article_saved(sender, instance: Article, created: bool, raw=False, **kwargs):
    if raw:
        return
    tracker = instance.tracker
    was = None if created else tracker.previous("status")
    if Article.Status.PUBLISHED in (was, instance.status):
        also = []
        old_category_id = None if created else tracker.previous("category")
        if old_category_id and old_category_id != instance.category_id:
            parent_id = (
                Category.objects.filter(pk=old_category_id)
                .values_list("parent_id", flat=True)
                .first()
            )
            also = cache.category_tags(old_category_id, parent_id)
        cache.article_changed(instance.pk, *also)
    else:
        # A draft: only its preview could show it, and previews are never cached.
        pagecache.pages_changed(cache.article_tag(instance.pk))


def _article_deleted(sender, instance: Article, **kwargs):
    pagecache.pages_changed(
        cache.article_tag(instance.pk),
        cache.category_tag(instance.category_id),
        pagecache.ANY_CONTENT,
        cache.HOME,
        cache.SCHEDULE,
    )


def _tags_changed(sender, instance, action, pk_set, **kwargs):
    if not isinstance(instance, Article):
        return
    if action == "pre_clear":
        # The tags are about to go: remember their pages now.
        pagecache.pages_changed(*map(cache.topic_tag, instance.tags.values_list("pk", flat=True)))
    elif action.startswith("post_"):
        pagecache.pages_changed(*map(cache.topic_tag, pk_set or ()))
        _article_part_changed(instance.pk)


def _part_changed(sender, instance, **kwargs):
    author_id = getattr(instance, "author_id", None)
    if author_id:
        pagecache.pages_changed(cache.author_tag(author_id))
    _article_part_changed(instance.article_id)


def _article_part_changed(article_id: int) -> None:
    if Article.objects.filter(pk=article_id, status=Article.Status.PUBLISHED).exists():
        cache.article_changed(article_id)
    else:
        pagecache.pages_changed(cache.article_tag(article_id))


def _site_changed(sender, **kwargs):
    pagecache.pages_changed(pagecache.SITE)
