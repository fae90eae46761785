"""Images from the old site's uploads folder, copied into the portal's storage once.

A copy of wp-content/uploads is given with --media-dir; an image is found there by the path
after "wp-content/uploads/" in its URL. The stored name is fixed by that path
("impor/<satker>/2023/08/pleno.jpg"), so a second run reuses the file instead of copying again.
"""

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.core.files.storage import default_storage

UPLOADS = "/wp-content/uploads/"
SIZED_VARIANT = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class MissingMedia(Exception):
    pass


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
    relative = relative.lstrip("/")
    if relative.startswith("impor/"):  # already a portal name (a portal export imported again)
        return relative
    return f"impor/{satker.slug}/{relative}"


def same_file(name, path):
    with default_storage.open(name, "rb") as stored, open(path, "rb") as source:
        return hashlib.sha1(stored.read()).digest() == hashlib.sha1(source.read()).digest()


def copy_into_storage(satker, media_root, relative, *, dry_run=False):
    """Copy the upload at `relative` into storage; returns its stored name.

    Raises MissingMedia naming the path looked for when the file is not in `media_root`.
    """
    path = find(media_root, relative)
    if path is None:
        raise MissingMedia(f"media file not found: {Path(media_root) / relative.lstrip('/')}")
    name = stored_name(satker, str(path.relative_to(Path(media_root).resolve())))
    if dry_run:
        return name
    if default_storage.exists(name) and same_file(name, path):
        return name
    with open(path, "rb") as handle:
        return default_storage.save(name, File(handle, name=path.name))
