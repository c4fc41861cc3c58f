"""Image checks and renditions: the one place that knows about Pillow.

Uploaded images are checked before they are stored, on the size their header
declares (a few KB of PNG can decode to gigabytes); featured images get
resized copies (WebP plus a JPEG or PNG fallback) made once by the background
worker when the image changes (``articles.tasks``), never in a web request.
"""

import hashlib
import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "GIF": {"gif"}, "WEBP": {"webp"}}
ALLOWED_EXTENSIONS = set().union(*ALLOWED_FORMATS.values())

# Pillow's own guard for every image this process opens: it warns above the
# cap and refuses above twice the cap, before decoding.
Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS


def _check_dimensions(width: int, height: int) -> None:
    if width > settings.MAX_IMAGE_SIDE or height > settings.MAX_IMAGE_SIDE:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; at most %(limit)s per side."),
            params={"width": width, "height": height, "limit": settings.MAX_IMAGE_SIDE},
            code="dimensions",
        )
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; at most %(limit)s megapixels in all."),
            params={
                "width": width,
                "height": height,
                "limit": settings.MAX_IMAGE_PIXELS // 1_000_000,
            },
            code="pixels",
        )


def validate_image(upload) -> None:
    """Reject anything that is not a modest JPEG, PNG, GIF or WebP image.

    A file already in storage (the unchanged image of an article being saved
    again) was checked when it arrived and is left alone.
    """
    if getattr(upload, "_committed", False):
        return
    name = getattr(upload, "name", "") or ""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Please upload a JPEG, PNG, GIF or WebP image (this file ends in “.%(ext)s”)."),
            params={"ext": extension or "?"},
            code="extension",
        )
    size = getattr(upload, "size", None)
    if size is not None and size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is too large: at most %(limit)s MB, please."),
            params={"limit": settings.MAX_IMAGE_BYTES // (1024 * 1024)},
            code="file_size",
        )
    try:
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        # Opening reads the header only; nothing is decoded before the size is checked.
        with Image.open(upload) as image:
            image_format = image.format
            _check_dimensions(*image.size)
            image.verify()
        upload.seek(position)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The image has far too many pixels; at most %(limit)s megapixels in all."),
            params={"limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
            code="pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP."),
            code="invalid_image",
        ) from None
    if extension not in ALLOWED_FORMATS.get(image_format, set()):
        raise ValidationError(
            _("The file name says “.%(ext)s” but the file is a %(format)s image."),
            params={"ext": extension, "format": image_format or "?"},
            code="mismatch",
        )


def _rendition_name(source_name: str, width: int, extension: str) -> str:
    digest = hashlib.sha256(source_name.encode()).hexdigest()[:10]
    stem = PurePosixPath(source_name).stem[:60]
    return f"renditions/{digest[:2]}/{stem}-{digest}-{width}.{extension}"


def build_renditions(field_file, widths=None, storage=None) -> dict:
    """Write resized copies of ``field_file`` and return a description of them."""
    storage = storage or default_storage
    widths = widths or settings.IMAGE_RENDITION_WIDTHS
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            # Stored before the cap, say: refused here too, before it is decoded.
            if original.width * original.height > settings.MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(f"{original.size} is over MAX_IMAGE_PIXELS")
            image = ImageOps.exif_transpose(original)
            has_alpha = image.mode in {"RGBA", "LA"} or (
                image.mode == "P" and "transparency" in image.info
            )
            image = image.convert("RGBA" if has_alpha else "RGB")
            source_width, source_height = image.size
            targets = sorted(
                {w for w in widths if w < source_width} | {min(source_width, max(widths))}
            )
            description = {
                "source": field_file.name,
                "width": source_width,
                "height": source_height,
                "fallback_type": "image/png" if has_alpha else "image/jpeg",
                "webp": [],
                "fallback": [],
            }
            for width in targets:
                height = max(1, round(source_height * width / source_width))
                resized = image.resize((width, height), Image.Resampling.LANCZOS)
                for kind, fmt, ext, options in (
                    ("webp", "WEBP", "webp", {"quality": 80, "method": 4}),
                    (
                        "fallback",
                        "PNG" if has_alpha else "JPEG",
                        "png" if has_alpha else "jpg",
                        {"optimize": True} if has_alpha else {"quality": 82, "progressive": True},
                    ),
                ):
                    buffer = io.BytesIO()
                    resized.save(buffer, fmt, **options)
                    name = _rendition_name(field_file.name, width, ext)
                    if storage.exists(name):
                        storage.delete(name)
                    stored = storage.save(name, ContentFile(buffer.getvalue()))
                    description[kind].append([width, height, stored])
    finally:
        field_file.close()
    return description


def renditions_are_stale(article) -> bool:
    current = article.image_renditions or {}
    if not article.featured_image:
        return bool(current)
    return current.get("source") != article.featured_image.name


def refresh_renditions(article) -> bool:
    """Make renditions if the image changed; True when something was written.

    Slow and memory-hungry for large images: the worker calls it
    (``articles.tasks.make_renditions``), and the demo, never a web request.
    """
    if not renditions_are_stale(article):
        return False
    source = article.featured_image.name or ""
    description = {}
    if article.featured_image:
        try:
            description = build_renditions(article.featured_image)
        except (OSError, ValueError, Image.DecompressionBombError):
            # A broken or oversized file must not fail the task over and
            # over; the page then shows the original image.
            description = {"source": source, "webp": [], "fallback": []}
    article.image_renditions = description
    # Only for the image they were made from: an editor may have replaced it meanwhile.
    type(article).objects.filter(pk=article.pk, featured_image=source).update(
        image_renditions=description
    )
    return True


def current_renditions(article) -> dict:
    """The renditions of the article's image as it is now; {} while they are being made.

    Pages then show the original image, which is never wrong, only larger.
    """
    if not article.featured_image or renditions_are_stale(article):
        return {}
    return article.image_renditions or {}


def srcset(description: dict, kind: str) -> str:
    return ", ".join(
        f"{default_storage.url(name)} {width}w" for width, _h, name in description.get(kind, [])
    )


def shareable_file(article) -> dict | None:
    """Which stored file of the featured image is shared: its largest JPEG/PNG copy.

    Returns ``{"name", "width", "height", "type"}`` (a storage name) or None;
    ``structured_data.image_for_sharing`` turns it into the public address.
    WebP is avoided on purpose: not every feed reader and messenger shows it.
    """
    if not article.featured_image:
        return None
    description = current_renditions(article)
    fallback = description.get("fallback") or []
    if fallback:
        width, height, name = fallback[-1]
        return {
            "name": name,
            "width": width,
            "height": height,
            "type": description.get("fallback_type", "image/jpeg"),
        }
    extension = PurePosixPath(article.featured_image.name).suffix.lower().lstrip(".")
    mime = {"jpg": "image/jpeg", "jpeg": "image/jpeg"}.get(extension, f"image/{extension}")
    return {
        "name": article.featured_image.name,
        "width": article.featured_image_width,
        "height": article.featured_image_height,
        "type": mime,
    }


def stored_size(name: str) -> int:
    """Bytes of a stored file; 0 when it is missing (a feed must still render)."""
    try:
        return default_storage.size(name)
    except OSError:
        return 0
