"""WebP renditions of uploaded images, made once on save, for the public pages' srcset.

A rendition's name follows from the original's name and the width, so pages build the srcset
without a query or a file-system look-up: 'artikel/x/2026/11/foto.jpg' at 480 px is
'artikel/x/2026/11/foto-480w.webp'.
"""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

WIDTHS = (480, 800, 1200)
logger = logging.getLogger(__name__)


def rendition_name(name, width):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.webp"))


def widths_for(original_width):
    """The rendition widths an image of `original_width` px gets (never upscaled)."""
    if not original_width:
        return []
    return [width for width in WIDTHS if width < original_width] or [original_width]


def make_renditions(field_file):
    """Write the WebP renditions of an ImageField's file. Returns the names written."""
    storage = field_file.storage
    written = []
    try:
        with storage.open(field_file.name, "rb") as handle:
            image = ImageOps.exif_transpose(Image.open(handle))
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            for width in widths_for(image.width):
                height = round(image.height * width / image.width)
                buffer = io.BytesIO()
                image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "WEBP", quality=80)
                name = rendition_name(field_file.name, width)
                if storage.exists(name):
                    storage.delete(name)
                written.append(storage.save(name, ContentFile(buffer.getvalue())))
    except (OSError, Image.DecompressionBombError) as exc:
        # The upload validator refuses such files; this guards files placed by other means.
        logger.warning("No renditions for %s: %s", field_file.name, exc)
    return written


def srcset(field_file, original_width):
    """'…-480w.webp 480w, …-800w.webp 800w' for an <img srcset>, or '' without an image."""
    if not field_file:
        return ""
    return ", ".join(
        f"{field_file.storage.url(rendition_name(field_file.name, width))} {width}w"
        for width in widths_for(original_width)
    )
