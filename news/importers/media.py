"""Images from the old site's uploads folder, copied into the portal's storage once.

A copy of wp-content/uploads is given with --media-dir; an image is found there by the path
after "wp-content/uploads/" in its URL. The stored name is fixed by that path, each part made a
safe slug, with the extension of the format found in the content, never the one in the source
("2023/08/Pleno DPT.JPEG" -> "impor/<satker>/2023/08/pleno-dpt.jpg"), so a second run reuses
the file instead of copying again. Files pass the same checks as admin uploads
(news/uploads.py, news/attachments.py).
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.text import slugify
from PIL import Image

from news.attachments import validate_pdf
from news.uploads import clean_image, image_extension, safe_name, validate_image

UPLOADS = "/wp-content/uploads/"
PORTAL_FOLDERS = ("artikel", "galeri", "lampiran", "impor", "editor")  # a portal export's names
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


def stored_name(satker, relative, extension, keep_name=False):
    """'impor/<satker>/<relative>' with every folder and the stem made a safe slug and the
    given extension (the detected format's). With `keep_name`, a portal export's own name
    ('artikel/<satker>/2026/11/foto.jpg') is kept as it is when it names this satker's folder,
    so the public media check (news/public/media.py) finds it under the right satker."""
    path = PurePosixPath(relative.lstrip("/"))
    folders = [slugify(part) or "berkas" for part in path.parent.parts]
    file_name = safe_name(path.name, extension, fallback="lampiran" if extension == "pdf" else "gambar")
    if keep_name and folders[:1] and folders[0] in PORTAL_FOLDERS and folders[1:2] == [satker.slug]:
        return "/".join([*folders, file_name])
    return "/".join(["impor", satker.slug, *folders, file_name])


def has_metadata(path):
    with Image.open(path) as image:
        return bool(image.getexif()) or "exif" in image.info


def checked(path, pdf=False):
    """(an open File, the extension to store it with) for the image (or PDF) at `path` after
    the portal's upload checks (format, size, no SVG; a PDF by its `%PDF-` header), or BadMedia
    saying why not in English for the operator. The extension comes from the content: 'pdf',
    or the image format's ('jpg', 'png', 'webp', 'gif')."""
    handle = File(open(path, "rb"), name=path.name)  # noqa: SIM115 (the caller closes it)
    try:
        (validate_pdf if pdf else validate_image)(handle)
        extension = "pdf" if pdf else image_extension(handle)
    except ValidationError as exc:
        handle.close()
        reason = "not a PDF of at most 20 MB" if pdf else REFUSALS.get(exc.code, "not an accepted image")
        raise BadMedia(f"{path}: {reason}") from None
    return handle, extension


def same_bytes(name, path):
    with default_storage.open(name, "rb") as stored:
        return stored.read() == Path(path).read_bytes()


def copy_into_storage(satker, media_root, relative, *, dry_run=False, pdf=False, keep_name=False):
    """Copy the upload at `relative` into storage; returns its stored name.

    The name is stored_name()'s: "impor/<satker>/<relative>" made safe, with the extension of
    the format found in the file (a GIF named "x.html" is stored as "x.gif"); with `keep_name`,
    a portal export's own name when it is this satker's. Raises MissingMedia naming the path
    looked for when the file is not in `media_root`, and BadMedia when it is no image (or, with
    `pdf`, no PDF) the admin would accept. A photo with EXIF (GPS positions) is stored without
    it, as admin uploads are; others byte for byte. An "impor/" name already in storage is
    reused; a kept name only when the bytes are the same.
    """
    path = find(media_root, relative)
    if path is None:
        raise MissingMedia(f"media file not found: {Path(media_root) / relative.lstrip('/')}")
    relative = str(path.relative_to(Path(media_root).resolve()))
    upload, extension = checked(path, pdf)
    with upload:
        name = stored_name(satker, relative, extension, keep_name)
        if default_storage.exists(name) and (not keep_name or same_bytes(name, path)):
            return name
        if dry_run:
            return name
        if not pdf and has_metadata(path):
            upload = clean_image(upload)  # re-encoded in the same format: same extension
        return default_storage.save(name, upload)
