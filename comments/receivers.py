"""Cache wiring inside the app: deleted comments and changed rules must not linger."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import cache, moderation, services
from .models import Comment, ModerationSettings
from .signals import public_comments_changed


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance: Comment, **kwargs) -> None:
    if instance.status == Comment.Status.APPROVED:
        services.approved_comments_changed({instance.article_id})


@receiver(post_save, sender=ModerationSettings)
def rules_changed(sender, **kwargs) -> None:
    moderation.settings_changed()


@receiver(public_comments_changed)
def refresh_pages(sender, article_ids, **kwargs) -> None:
    cache.comments_changed(article_ids)
