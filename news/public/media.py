"""Uploaded files at /media/: an article's files only while the article is public.

A file in an article folder (`artikel/`, `galeri/`, `lampiran/`, `impor/`, `editor/`, each
`<folder>/<satker slug>/...`) is answered to anyone only when a public article
(`Article.objects.published()`) of the satker named in its path holds it: as featured image,
gallery image (or a WebP rendition of either), PDF attachment, or, for imported and editor
images, inside its body. Staff who may read that satker (`readable_satker`) get every file of
it, drafts' and not yet saved uploads' included, never cached. Anyone else gets the site's 404,
the same as for a file that does not exist. Files outside those folders (satker logos, demo
images) are public.

The check runs at each request, so a scheduled article's files are served from its publication
time on, with no job. Public files get far-future caching headers, so browsers and a CDN ask
once. With `DJANGO_SERVE_MEDIA` on (development, small installs) the bytes come from here;
off, nginx asks this view and sends the bytes itself from its `internal` location named in
`X-Accel-Redirect` (docs/security.md). Object storage serves its own URLs: no check there.
"""

import os
import re
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils._os import safe_join
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import defaults
from django.views.static import serve

from news.models import Article
from satker.directory_cache import satker_by_slug
from satker.models import Level
from satker.scoping import readable_satker

ARTICLE_FOLDERS = {"artikel", "galeri", "lampiran", "impor", "editor"}
INTERNAL_LOCATION = "/_media/"  # nginx's `internal` location for these files (docs/security.md)
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
}
ORIGINAL_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif", "JPG", "JPEG", "PNG", "WEBP", "GIF")
RENDITION = re.compile(r"^(?P<stem>.+)-\d+w\.webp$")  # news/renditions.py: rendition_name
PUBLIC_ARTICLE_FILE = {"public": True, "max_age": 365 * 24 * 3600, "immutable": True}
OTHER_FILE = {"public": True, "max_age": 7 * 24 * 3600}


def media(request, path):
    """The file at `path` under MEDIA_ROOT, if this reader may have it; else the 404 page."""
    try:
        name, cache = checked_file(request, path)
        response = file_response(request, name)
    except Http404 as exc:
        response = defaults.page_not_found(request, exc)
        add_never_cache_headers(response)  # a scheduled article's files appear at its time
        return response
    if cache is None:
        add_never_cache_headers(response)
    else:
        patch_cache_control(response, **cache)
    return response


def checked_file(request, path):
    """(storage name, Cache-Control options or None for private) or Http404."""
    if not isinstance(default_storage, FileSystemStorage):
        raise Http404  # object storage serves its own URLs
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise Http404  # one name per file: "a/../b" must not borrow the satker of "a"
    name = "/".join(parts)
    try:
        exists = os.path.isfile(safe_join(settings.MEDIA_ROOT, name))
    except (SuspiciousFileOperation, ValueError):  # '../', a NUL byte
        exists = False
    if not exists:
        raise Http404
    if parts[0] not in ARTICLE_FOLDERS:
        return name, OTHER_FILE
    satker = satker_by_slug(parts[1]) if len(parts) > 2 else None
    if satker is None:
        raise Http404
    if is_public(name, satker):
        return name, PUBLIC_ARTICLE_FILE
    user = request.user  # read only now: a public file's answer must not vary by cookie
    if user.is_authenticated and readable_satker(user).filter(pk=satker.pk).exists():
        return name, None
    raise Http404


def is_public(name, satker):
    """Whether a public article holds the file `name` stored in `satker`'s folder."""
    folder = name.split("/", 1)[0]
    articles = Article.objects.published().filter(satker_id=satker.pk)
    in_body = Q(body__contains=default_storage.url(name))
    if folder == "editor":
        return editor_image_is_public(name, satker, in_body)
    names = [name, *originals_of(name)]
    held = Q(featured_image__in=names) | Q(attachment=name) | Q(images__image__in=names)
    if folder == "impor":
        held |= in_body  # inline images of imported articles
    return articles.filter(held).exists()


def editor_image_is_public(name, satker, in_body):
    """An editor upload belongs to the public articles whose body shows it. Only articles saved
    since the upload's month can (`editor/<satker>/<yyyy>/<mm>/`), which keeps the body search
    to a few. Superadmins upload into KPU RI's folder for any satker's article: then, when no
    KPU RI article shows it, every satker's articles are searched."""
    parts = name.split("/")
    try:
        since = datetime(int(parts[2]), int(parts[3]), 1, tzinfo=timezone.get_current_timezone())
    except (IndexError, ValueError):
        return False
    recent = Article.objects.published().filter(in_body, updated_at__gte=since)
    if recent.filter(satker_id=satker.pk).exists():
        return True
    return satker.level == Level.PUSAT and recent.exists()


def originals_of(name):
    """For a WebP rendition 'a/foto-480w.webp', the names its original may have."""
    path = PurePosixPath(name)
    match = RENDITION.match(path.name)
    if not match:
        return []
    return [str(path.with_name(f"{match['stem']}.{extension}")) for extension in ORIGINAL_EXTENSIONS]


def file_response(request, name):
    """The bytes from here (DJANGO_SERVE_MEDIA on), else an empty answer that tells nginx which
    file to send. The type comes from the extension, and only the stored formats get one a
    browser renders: anything else (a file stored before names were ours) downloads."""
    content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix.lstrip(".").lower())
    if settings.SERVE_MEDIA:
        try:
            response = serve(request, name, document_root=settings.MEDIA_ROOT)
        except OSError as error:  # a name the file system refuses (too long, ...): no such file
            raise Http404 from error
    else:
        response = HttpResponse()
        response["X-Accel-Redirect"] = INTERNAL_LOCATION + quote(name)
    response["Content-Type"] = content_type or "application/octet-stream"
    if content_type is None:
        response["Content-Disposition"] = "attachment"
    return response
