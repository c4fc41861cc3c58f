from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from foundation import pagecache

        from . import cache, signals

        signals.connect()
        # No cached page outlives the next scheduled publication.
        pagecache.limit_lifetime(cache.seconds_to_next_publication)


class TagsConfig(TaggitAppConfig):
    """django-taggit under a translated name: the admin index showed "TAGGIT"."""

    verbose_name = _("Tags")
