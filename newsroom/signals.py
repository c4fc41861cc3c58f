"""Wiring only: edits in the admin (or anywhere) tell the page cache what changed."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import cache


def connect() -> None:
    from articles.models import Article, AuthorProfile, Byline, Category, RelatedArticle, Source
    from comments.signals import public_comments_changed

    pre_save.connect(_remember_article_before, sender=Article, dispatch_uid="cache_article_pre")
    post_save.connect(_article_saved, sender=Article, dispatch_uid="cache_article_saved")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="cache_article_deleted")
    m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="cache_tags")
    for model in (Byline, Source, RelatedArticle):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_s")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_d")
    public_comments_changed.connect(_comments_changed, dispatch_uid="cache_comments")
    for model in (Category, AuthorProfile):
        # Shown on every page (navigation, author boxes); rare edits refresh everything.
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_s")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"cache_{model.__name__}_d")


def _remember_article_before(sender, instance, raw=False, **kwargs):
    instance._cache_before = None
    if instance.pk and not raw:
        instance._cache_before = (
            sender.objects.filter(pk=instance.pk)
            .values("status", "category_id", "category__parent_id")
            .first()
        )


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    was_public = bool(before) and before["status"] == sender.Status.PUBLISHED
    if was_public or instance.status == sender.Status.PUBLISHED:
        also = []
        if before:
            also = [f"category:{before['category_id']}"]
            if before["category__parent_id"]:
                also.append(f"category:{before['category__parent_id']}")
        cache.article_changed(instance.pk, *also)
    else:
        # A draft: only its preview could show it, and previews are never cached.
        cache.pages_changed(cache.article_tag(instance.pk))


def _article_deleted(sender, instance, **kwargs):
    tags = [cache.article_tag(instance.pk), cache.ANY_ARTICLE, "home"]
    tags.append(f"category:{instance.category_id}")
    cache.pages_changed(*tags)
    cache.schedule_changed()


def _tags_changed(sender, instance, action, pk_set, **kwargs):
    from articles.models import Article

    if not isinstance(instance, Article):
        return
    if action == "pre_clear":
        # The tags are about to go: remember their pages now.
        cache.pages_changed(*(f"tag:{pk}" for pk in instance.tags.values_list("pk", flat=True)))
    elif action.startswith("post_"):
        cache.pages_changed(*(f"tag:{pk}" for pk in pk_set or ()))
        _article_part_changed(instance.pk)


def _part_changed(sender, instance, **kwargs):
    author_id = getattr(instance, "author_id", None)
    if author_id:
        cache.pages_changed(f"author:{author_id}")
    _article_part_changed(instance.article_id)


def _article_part_changed(article_id: int) -> None:
    from articles.models import Article

    if Article.objects.filter(pk=article_id, status=Article.Status.PUBLISHED).exists():
        cache.article_changed(article_id)
    else:
        cache.pages_changed(cache.article_tag(article_id))


def _site_changed(sender, **kwargs):
    cache.pages_changed(cache.SITE)


def _comments_changed(sender, article_ids, **kwargs):
    for article_id in article_ids:
        cache.comments_changed(article_id)
