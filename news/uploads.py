"""Checks every uploaded image (featured, gallery, editor) and strips its metadata.

Phone photos carry GPS positions in EXIF; the stored file keeps none of it, and the pixels are
turned upright first so that dropping the orientation tag does not turn the photo on its side.
"""

import io
import logging
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is the largest a phone makes
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
logger = logging.getLogger(__name__)


def validate_image(upload):
    """Raise a ValidationError (Indonesian) unless `upload` is a JPEG, PNG, WebP or GIF image
    of at most 10 MB and 40 megapixels. SVG is refused: it can carry script."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Berkas terlalu besar (maksimal 10 MB)."), code="too_large")
    upload.seek(0)
    head = upload.read(512).lstrip()
    upload.seek(0)
    if head[:5].lower() in (b"<?xml", b"<svg ") or b"<svg" in head.lower():
        raise ValidationError(_("Berkas SVG tidak diterima; unggah foto JPEG, PNG atau WebP."), code="svg")
    try:
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise ValidationError(
                    _("Format gambar tidak didukung; unggah JPEG, PNG, WebP atau GIF."), code="format"
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Gambar terlalu besar (lebih dari 40 megapiksel)."), code="pixels")
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("Gambar terlalu besar (lebih dari 40 megapiksel)."), code="pixels") from exc
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken or foreign file
        raise ValidationError(_("Berkas ini bukan gambar yang valid."), code="invalid") from exc
    finally:
        upload.seek(0)


def clean_image(upload):
    """Validate `upload` and return a new in-memory file without EXIF, turned upright.

    The name keeps the original stem (slugified) with the extension of the format written,
    whatever the name sent ends with.
    """
    validate_image(upload)
    with Image.open(upload) as original:
        image_format = original.format
        frames = getattr(original, "n_frames", 1)
        if image_format == "GIF" and frames > 1:
            # Animated GIFs carry no EXIF; keep their frames as they are.
            upload.seek(0)
            return SimpleUploadedFile(safe_name(upload.name, "gif"), upload.read(), "image/gif")
        image = ImageOps.exif_transpose(original)
        buffer = io.BytesIO()
        options = {"quality": 90, "optimize": True} if image_format in ("JPEG", "WEBP") else {}
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.info.pop("exif", None)
        image.save(buffer, image_format, **options)
    extension = FORMATS[image_format]
    content_type = "image/jpeg" if extension == "jpg" else f"image/{extension}"
    return SimpleUploadedFile(safe_name(upload.name, extension), buffer.getvalue(), content_type)


def safe_name(name, extension, fallback="gambar"):
    """'<slug of the name's stem>.<extension>': the extension is always the caller's (the format
    found in the content), never the one sent; `fallback` when nothing of the stem is left."""
    stem = slugify(PurePosixPath(name or fallback).stem)[:80] or fallback
    return f"{stem}.{extension}"


def image_extension(upload):
    """The stored extension for an image upload that passed validate_image: 'jpg', 'png',
    'webp' or 'gif', from the format Pillow reads in the content."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return FORMATS[image.format]
    finally:
        upload.seek(0)


class CleanImageFieldMixin:
    """For ModelForms: `image_fields` are validated and stripped before the model stores them."""

    image_fields = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            upload = cleaned.get(name)
            if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
                try:
                    cleaned[name] = clean_image(upload)
                except ValidationError as exc:
                    logger.warning("Refused upload %r: %s", getattr(upload, "name", ""), exc.messages[0])
                    self.add_error(name, exc)
        return cleaned
