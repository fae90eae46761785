"""Images from the old site's uploads folder, copied into the portal's storage once.

A copy of wp-content/uploads is given with --media-dir; an image is found there by the path
after "wp-content/uploads/" in its URL. The stored name is fixed by that path
("impor/<satker>/2023/08/pleno.jpg"), so a second run reuses the file instead of copying again.
Files pass the same checks as admin uploads (news/uploads.py).
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image

from news.attachments import validate_pdf
from news.uploads import clean_image, validate_image

UPLOADS = "/wp-content/uploads/"
SIZED_VARIANT = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class MissingMedia(Exception):
    pass


class BadMedia(MissingMedia):
    pass


REFUSALS = {
    "too_large": "larger than 10 MB",
    "svg": "an SVG file (it can carry script)",
    "format": "not a JPEG, PNG, WebP or GIF image",
    "pixels": "more than 40 megapixels",
    "invalid": "not a valid image",
}


def upload_path(url):
    """'2023/08/pleno.jpg' for '.../wp-content/uploads/2023/08/pleno.jpg', else None."""
    path = unquote(urlsplit(url or "").path)
    if UPLOADS not in path:
        return None
    return path.split(UPLOADS, 1)[1]


def find(media_root, relative):
    """The file for `relative` inside `media_root`, trying the full-size original of a
    'pleno-1024x576.jpg' size variant; None when absent. Never leaves `media_root`."""
    root = Path(media_root).resolve()
    for candidate in (relative, SIZED_VARIANT.sub("", relative)):
        path = (root / candidate.lstrip("/")).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


def stored_name(satker, relative):
    return f"impor/{satker.slug}/{relative.lstrip('/')}"


def has_metadata(path):
    with Image.open(path) as image:
        return bool(image.getexif()) or "exif" in image.info


def checked(path, pdf=False):
    """An open File for the image (or PDF) at `path` after the portal's upload checks (format,
    size, no SVG), or BadMedia saying why not in English for the operator."""
    handle = File(open(path, "rb"), name=path.name)  # noqa: SIM115 (the caller closes it)
    try:
        (validate_pdf if pdf else validate_image)(handle)
    except ValidationError as exc:
        handle.close()
        reason = "not a PDF of at most 20 MB" if pdf else REFUSALS.get(exc.code, "not an accepted image")
        raise BadMedia(f"{path}: {reason}") from None
    return handle


def same_bytes(name, path):
    with default_storage.open(name, "rb") as stored:
        return stored.read() == Path(path).read_bytes()


def copy_into_storage(satker, media_root, relative, *, dry_run=False, pdf=False, keep_name=False):
    """Copy the upload at `relative` into storage; returns its stored name.

    The name is "impor/<satker>/<relative>", or `relative` itself with `keep_name` (a portal
    export's media, whose names are the portal's own). Raises MissingMedia naming the path
    looked for when the file is not in `media_root`, and BadMedia when it is no image (or, with
    `pdf`, no PDF) the admin would accept. A photo with EXIF (GPS positions) is stored without
    it, as admin uploads are; others byte for byte. An "impor/" name already in storage is
    reused (it was checked when stored); a kept name only when the bytes are the same.
    """
    path = find(media_root, relative)
    if path is None:
        raise MissingMedia(f"media file not found: {Path(media_root) / relative.lstrip('/')}")
    relative = str(path.relative_to(Path(media_root).resolve()))
    name = relative if keep_name else stored_name(satker, relative)
    if default_storage.exists(name) and (not keep_name or same_bytes(name, path)):
        return name
    with checked(path, pdf) as upload:
        if dry_run:
            return name
        if not pdf and has_metadata(path):
            upload = clean_image(upload)
            name = str(PurePosixPath(name).with_suffix(PurePosixPath(upload.name).suffix))
            if default_storage.exists(name) and not keep_name:
                return name
        return default_storage.save(name, upload)
