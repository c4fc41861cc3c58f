"""Readable, unique slugs for articles made outside the admin (seeding, imports)."""

from django.db import models
from django.utils.text import slugify

# German letters spelled out the German way, not dropped (slugify("Größe") is "groe").
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                        "ß": "ss", "ẞ": "SS"})  # fmt: skip


def slug_for(text: str, max_length: int = 80) -> str:
    """A readable ASCII slug for ``text``, cut at a word boundary."""
    slug = slugify(text.translate(GERMAN))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "artikel"


def unique_slug(model: type[models.Model], text: str, max_length: int = 80) -> str:
    """``slug_for(text)``, with "-2", "-3", ... appended while ``model`` has it already."""
    base = slug_for(text, max_length - 4)
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug
