"""Article pages saved as HTML from the central KPU platform -> article records.

Each `.html` file is one article page (`html_page.py` reads it). Around it, this module decides
what the page alone cannot: its encoding, its old address (canonical link, og:url, the
browser's "saved from url" note, or a sidecar: `sidecar.py`), its satker (`--satker`, else
the old address's host), its time in the satker's zone, its images (files saved beside it),
and its idempotency key (`html:berita:4321` from the old article id, else a hash).
"""

import hashlib
import re
from datetime import datetime
from datetime import time as clock
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django.utils import timezone

from legacy.keys import key_for_url
from news.models import Status
from news.sanitize import clean_html
from satker.directory_cache import normalize_host, satker_for_host

from .dateline import split_html_dateline
from .html_page import Image, read_page
from .records import ArticleRecord, Failure, ImageRef
from .sidecar import SidecarError, Sidecars, full_url

SUFFIXES = (".html", ".htm")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# As browsers do (WHATWG Encoding): these labels mean windows-1252, which has the curly quotes.
WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
ID_KEYS = ("berita:", "blog:", "wp:", "wpdate:")


class PageError(Exception):
    pass


def decode(data, encoding=None):
    """(text, warning or None): the given encoding, else a BOM, else the page's <meta charset>,
    else UTF-8, else windows-1252 with a warning (what a browser shows)."""
    if encoding:
        return data.decode(encoding), None
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(name), None
    declared = CHARSET.search(data[:4096])
    name = declared[1].decode("ascii").lower() if declared else None
    if name:
        name = "cp1252" if name in WINDOWS_1252 else name
        try:
            return data.decode(name), None
        except LookupError:
            raise PageError(f"its <meta charset> names an unknown encoding '{name}'; give --encoding") from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise PageError(
                f"line {line}: not {name} as its <meta charset> says (byte 0x{data[exc.start]:02x}); "
                "give --encoding, e.g. --encoding cp1252"
            ) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "no charset declared and not UTF-8: read as windows-1252"


def inside(path, root):
    return path.is_file() and path.is_relative_to(root)


def locate(src, page, root):
    """The path, relative to `root`, of the file saved for an image `src` of the page at `page`:
    a relative src beside the page ("Save page as": `Judul_files/foto.jpg`); an absolute or
    root-relative one by its URL path (or host/path, as wget lays a mirror) in the page's
    folder or a folder above it, up to `root`. None when not saved (or outside `root`)."""
    parts = urlsplit(src)
    url_path = unquote(parts.path)
    if not url_path or parts.scheme not in ("", "http", "https"):
        return None
    if not parts.scheme and not parts.netloc and not url_path.startswith("/"):
        candidate = (page.parent / url_path).resolve()
        return str(candidate.relative_to(root)) if inside(candidate, root) else None
    folder = page.parent
    while folder.is_relative_to(root):
        for candidate in (folder / url_path.lstrip("/"), folder / parts.netloc / url_path.lstrip("/")):
            candidate = candidate.resolve()
            if inside(candidate, root):
                return str(candidate.relative_to(root))
        if folder == root:
            break
        folder = folder.parent
    return None


def source_key(old_urls, title, day):
    """`html:berita:4321` (the old platform's id) when an old address has one, else a hash of
    the old address, else of title and date."""
    keys = [key for key in map(key_for_url, old_urls) if key]
    for key in keys:
        if key.startswith(ID_KEYS) and len(key) <= 100:
            return f"html:{key}"
    basis = keys[0] if keys else f"{title}|{day.isoformat()}"
    return f"html:{'url' if keys else 'page'}:{hashlib.sha1(basis.encode()).hexdigest()}"


def page_satker(old_urls, satker):
    """(satker, None) or (None, why not): `satker` when given, else the old address's host."""
    named = [(host, satker_for_host(host)) for host in (normalize_host(u) for u in old_urls if "://" in u) if host]
    found = next((match for _host, match in named if match is not None), None)
    if satker is None:
        if not named:
            return None, "no old address with a host (canonical link, og:url or a sidecar); give --satker"
        if found is None:
            return None, f"the host {named[0][0]} is no satker's domain or alias; give --satker"
        return found, None
    if found is not None and found != satker:
        host = next(host for host, match in named if match == found)
        return None, f"the page is from {host}, the site of satker {found.slug}, not {satker.slug}"
    return satker, None


def with_images(record, body, page, root):
    """Point the body's saved images at their files; an image not saved keeps its old full URL,
    or is dropped (with a warning) when its address meant only something beside the page."""
    fragment = BeautifulSoup(body, "html.parser")
    base = next((url for url in record.old_urls if url.startswith(("http://", "https://"))), "")
    for img in fragment.find_all("img"):
        src = (img.get("src") or "").strip()
        relative = locate(src, page, root) if src else None
        if relative:
            record.inline_images[src] = relative
        elif src.startswith(("http://", "https://")):
            continue
        elif src.startswith("/") and base:
            img["src"] = urljoin(base, src)
        else:
            record.warnings.append(f"image {src[:100] or '(no src)'} was not saved with the page; left out")
            img.decompose()
    return str(fragment)


def page_record(path, root, *, satker=None, sidecars=None, encoding=None):
    """One record for the saved page at `path`, or a Failure naming the file and the problem."""
    label = str(path)
    try:
        text, warning = decode(Path(path).read_bytes(), encoding)
        sidecar = (sidecars or Sidecars()).url_for(path)
    except (PageError, SidecarError) as exc:
        return Failure(label, str(exc))
    except (OSError, LookupError, UnicodeDecodeError) as exc:
        return Failure(label, f"cannot be read ({exc})")
    page = read_page(text.replace("\x00", ""))  # as browsers drop NULs; PostgreSQL refuses them
    if not page.title:
        return Failure(label, "no article title (no <h1> before the body, og:title or <title>); is it an article page?")
    if not BeautifulSoup(page.body, "html.parser").get_text().strip():
        return Failure(label, 'no article text found (no body block such as <div class="isi-berita">)')
    old_urls = list(dict.fromkeys(url for url in [sidecar, *page.old_urls] if url))
    satker, problem = page_satker(old_urls, satker)
    if problem:
        return Failure(label, problem)
    if page.moment is not None:
        moment = page.moment
    elif page.day is not None:
        moment = timezone.make_aware(datetime.combine(page.day, page.at or clock(0, 0)), ZoneInfo(satker.time_zone))
    else:
        return Failure(label, "no date found (e.g. 'Senin, 7 Agustus 2023' under the title)")
    dateline, body = split_html_dateline(clean_html(page.body))
    record = ArticleRecord(
        source_key=source_key(old_urls, page.title, moment.date()),
        label=label,
        title=page.title,
        kind=page.kind,
        dateline=dateline.place if dateline else "",
        status=Status.PUBLISHED,
        published_at=moment,
        view_count=page.views,
        source_url=next((url for url in (full_url(u, satker) for u in old_urls) if url), ""),
        old_urls=old_urls,
        satker=satker,
        media_root=root,
        warnings=[warning] if warning else [],
    )
    page_path = Path(path).resolve()
    record.body = with_images(record, body, page_path, root)
    featured = page.featured
    if featured is None and page.og_image and page.og_image not in record.inline_images:
        featured = Image(page.og_image)
    if featured is not None:
        relative = locate(featured.src, page_path, root)
        if relative:
            record.featured_image = ImageRef(relative, alt=featured.alt, caption=featured.caption)
        elif featured is page.featured:
            record.warnings.append(f"featured image {featured.src[:100]} was not saved with the page; left out")
    return record


def html_files(paths):
    """(file, root) for each page named, and each .html/.htm under a named folder (not inside the
    `*_files` folders where a browser keeps a page's parts), in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            root = path.resolve()
            for found in sorted(root.rglob("*")):
                relative = found.relative_to(root)
                in_parts = any(part.endswith("_files") for part in relative.parts[:-1])
                if found.suffix.lower() in SUFFIXES and found.is_file() and not in_parts:
                    yield found, root
        else:
            yield path, path.resolve().parent


def html_items(paths, *, satker=None, encoding=None, static_pages=None):
    """Records of the saved article pages; `static_pages` (news/importers/static_page.py) takes
    the platform's static pages out on the way."""
    sidecars = Sidecars()
    for path, root in html_files(paths):
        if static_pages is not None and static_pages.take(path, satker=satker, sidecars=sidecars, encoding=encoding):
            continue
        yield page_record(path, root, satker=satker, sidecars=sidecars, encoding=encoding)
