from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")


class TagsConfig(TaggitAppConfig):
    """django-taggit under a translated name: the admin index showed "TAGGIT"."""

    verbose_name = _("Tags")
