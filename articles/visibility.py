"""What "public" means for an article, written once.

An article is public when it is published and its publication time has
come; published with a time still ahead, it is scheduled and appears by
itself then. Every query (ORM or raw SQL), the model's properties, the
page cache's next-publication lookup and the importer ask this module.
"""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def public(prefix: str = "") -> Q:
    """Articles a reader may see; ``prefix`` reaches them through a relation ("article__")."""
    now = timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now})


def scheduled(prefix: str = "") -> Q:
    """Published articles whose time has not come yet."""
    now = timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__gt": now})


def public_sql(alias: str, now_parameter: str = "%(now)s") -> str:
    """The same rule for raw SQL on table ``alias``; pass ``timezone.now()`` as ``now``.

    Only ``alias`` and ``now_parameter`` go into the text, both written by our own code.
    """
    return f"{alias}.status = '{Status.PUBLISHED}' AND {alias}.published_at <= {now_parameter}"


def is_public(status: str, published_at: datetime | None, now: datetime | None = None) -> bool:
    return (
        status == Status.PUBLISHED
        and published_at is not None
        and published_at <= (now or timezone.now())
    )


def is_scheduled(status: str, published_at: datetime | None, now: datetime | None = None) -> bool:
    return (
        status == Status.PUBLISHED
        and published_at is not None
        and published_at > (now or timezone.now())
    )
