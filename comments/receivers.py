"""Cache wiring inside the app: deleted comments and changed rules must not linger."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import moderation, queries, services
from .models import Comment, ModerationSettings
from .signals import public_comments_changed


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance: Comment, **kwargs) -> None:
    if instance.status == Comment.Status.APPROVED:
        services.refresh_counts([instance.article_id])
        queries.forget_recent_comments()
        public_comments_changed.send(sender=Comment, article_ids={instance.article_id})


@receiver(post_save, sender=ModerationSettings)
def rules_changed(sender, **kwargs) -> None:
    moderation.forget_settings()
