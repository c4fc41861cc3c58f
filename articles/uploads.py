"""Images uploaded from inside the rich-text editor."""

import secrets
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from .images import validate_image


def store_editor_image(upload) -> str:
    """Check ``upload`` and store it under a fresh name; return its URL."""
    if upload is None:
        raise ValidationError(_("Please choose an image to upload."), code="required")
    validate_image(upload)
    extension = PurePosixPath(upload.name).suffix.lower()
    # A random name: the uploader's file name never reaches the file system.
    name = f"uploads/{timezone.now():%Y/%m}/{secrets.token_urlsafe(12)}{extension}"
    return default_storage.url(default_storage.save(name, upload))
