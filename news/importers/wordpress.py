"""WordPress eXtended RSS (WXR 1.1/1.2) exports -> article records.

The file is read whole with defusedxml (entity declarations and external references refused:
an export never has them, an XML bomb does) before anything is written, so a truncated or
malformed file imports nothing and says where it breaks. Posts become records; pages,
attachments, menu items and revisions are skipped and counted.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone
from django.utils.html import strip_tags

from news.models import Kind, Status
from satker.directory_cache import normalize_host, satker_for_host

from . import wp_content
from .dateline import split_html_dateline
from .records import ArticleRecord, Failure, ImageRef, Skip

NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://wordpress.org/export/1.2/excerpt/": "excerpt",
    "http://wordpress.org/export/1.1/excerpt/": "excerpt",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wordpress.org/export/1.2/": "wp",
    "http://wordpress.org/export/1.1/": "wp",
    "http://wordpress.org/export/1.0/": "wp",
}
STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.PUBLISHED,  # with its future time: scheduled
    "draft": Status.DRAFT,
    "pending": Status.DRAFT,
    "private": Status.DRAFT,
}  # and a password-protected post is a draft too
# Post-meta keys where view-counter plugins and themes keep a post's views.
VIEW_KEYS = (
    "views", "post_views_count", "wpb_post_views_count", "_post_views_count", "post_views",
    "tie_views", "penci_post_views_count", "_jetpack_post_views", "jnews_views_count", "hits",
)  # fmt: skip
SKIPPED_TYPES = {
    "page": "a page, not a post",
    "attachment": "an attachment (imported with the post that uses it)",
    "nav_menu_item": "a menu item",
    "revision": "a revision",
}
NO_CREDIT = {"admin", "administrator", "webmaster", "superadmin"}
ZERO_DATE = "0000-00-00 00:00:00"


class WxrError(Exception):
    """The file cannot be read as a WordPress export; the message names the file and where."""


def local_name(tag):
    if tag.startswith("{"):
        uri, name = tag[1:].split("}", 1)
        prefix = NAMESPACES.get(uri) or ("wp" if uri.startswith("http://wordpress.org/export/") else None)
        return f"{prefix}:{name}" if prefix else name
    return tag


@dataclass
class Item:
    fields: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)  # (domain, name)
    meta: dict = field(default_factory=dict)


@dataclass
class Export:
    link: str = ""
    authors: dict = field(default_factory=dict)  # login -> display name
    items: list = field(default_factory=list)
    attachments: dict = field(default_factory=dict)  # id -> Item


def read_item(element):
    item = Item()
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            item.categories.append((child.get("domain", ""), (child.text or "").strip()))
        elif name == "wp:postmeta":
            key = value = ""
            for part in child:
                if local_name(part.tag) == "wp:meta_key":
                    key = (part.text or "").strip()
                elif local_name(part.tag) == "wp:meta_value":
                    value = part.text or ""
            item.meta[key] = value
        else:
            item.fields[name] = child.text or ""
    return item


def encoding_problem(path):
    """Why the bytes do not decode as the file says, or None."""
    data = Path(path).read_bytes()
    declared = re.match(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", data.lstrip(b"\xef\xbb\xbf"))
    encoding = declared[1].decode() if declared else "utf-8"
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        return (
            f"line {line}: the file is not {encoding} as {'its XML declaration says' if declared else 'XML assumes'}"
            f" ({exc.reason if hasattr(exc, 'reason') else exc}). Convert it to UTF-8 "
            "(e.g. iconv -f WINDOWS-1252 -t UTF-8) or correct the encoding in its first line."
        )
    return None


def read_export(path):
    """The whole export, or WxrError naming the file and the line where it breaks."""
    export = Export()
    seen_wxr = False
    try:
        for _event, element in iterparse(str(path), events=("end",)):
            name = local_name(element.tag)
            if name == "item":
                item = read_item(element)
                if item.fields.get("wp:post_type") == "attachment":
                    export.attachments[item.fields.get("wp:post_id", "")] = item
                export.items.append(item)
                element.clear()
            elif name == "wp:author":
                author = {local_name(c.tag): (c.text or "").strip() for c in element}
                export.authors[author.get("wp:author_login", "")] = author.get("wp:author_display_name", "")
            elif name == "wp:wxr_version":
                seen_wxr = True
            elif name == "link" and not export.link:
                export.link = (element.text or "").strip()
    except DefusedXmlException as exc:
        raise WxrError(
            f"{path}: refused: {exc}. A WordPress export never declares entities; this may be an XML bomb."
        ) from None
    except ParseError as exc:
        line, column = exc.position
        problem = encoding_problem(path)
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise WxrError(f"{path}: {problem or f'line {line}, column {column}: malformed XML ({reason})'}") from None
    except OSError as exc:
        raise WxrError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not seen_wxr:
        raise WxrError(f"{path}: not a WordPress export (no <wp:wxr_version>); export it from Tools > Export.")
    return export


def parse_time(local, gmt, zone):
    """post_date_gmt when WordPress set it (drafts have zeros), else post_date in the satker's zone."""
    for value, tz in ((gmt, ZoneInfo("UTC")), (local, zone)):
        value = (value or "").strip()
        if value and value != ZERO_DATE:
            try:
                return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M:%S"), tz)
            except ValueError:
                continue
    return None


def view_count(meta):
    counts = []
    for key in VIEW_KEYS:
        digits = re.sub(r"[^\d]", "", meta.get(key, ""))
        if digits:
            counts.append(int(digits))
    return max(counts, default=0)


def plain(html_text):
    """WordPress excerpt HTML as the plain text a lead or caption holds ('&#8211;' -> '–')."""
    return html.unescape(strip_tags(html_text or "")).strip()


def image_ref(attachment):
    """The upload an attachment item stands for, with its alt text and caption."""
    relative = attachment.meta.get("_wp_attached_file") or wp_content.upload_path(
        attachment.fields.get("wp:attachment_url", "")
    )
    if not relative:
        return None
    alt = attachment.meta.get("_wp_attachment_image_alt", "").strip()
    caption = plain(attachment.fields.get("excerpt:encoded", ""))
    return ImageRef(relative, alt=alt or attachment.fields.get("title", "").strip(), caption=caption)


def old_urls(fields, site):
    """Where the post was on the old site, for the redirects: its permalink, its `?p=ID` form
    (which every WordPress answers) and its guid when that is an address of the site."""
    urls = [fields.get("link", "").strip()]
    post_id = fields.get("wp:post_id", "").strip()
    if post_id.isdigit():
        urls.append(f"{site.rstrip('/')}/?p={post_id}")
    guid = fields.get("guid", "").strip()
    host = normalize_host(site or urls[0])
    if guid.startswith(("http://", "https://")) and host and normalize_host(guid) == host:
        urls.append(guid)
    return urls


def to_record(item, export, satker, media_root, label):
    fields, meta = item.fields, item.meta
    portal = "_kpu_status" in meta  # this portal's own export: its body and lead are already clean
    post_id = fields.get("wp:post_id", "").strip()
    wp_status = fields.get("wp:status", "").strip()
    published_at = parse_time(fields.get("wp:post_date"), fields.get("wp:post_date_gmt"), ZoneInfo(satker.time_zone))
    status = meta["_kpu_status"] if meta.get("_kpu_status") in Status.values else STATUSES[wp_status]
    if meta.get("_kpu_published_at"):
        try:
            published_at = datetime.fromisoformat(meta["_kpu_published_at"])
        except ValueError:
            return Failure(label, f"_kpu_published_at '{meta['_kpu_published_at']}' is not an ISO date")
    if fields.get("wp:post_password", "").strip() and status == Status.PUBLISHED:
        status = Status.DRAFT  # only readers with the password saw it: an editor decides
    if status == Status.PUBLISHED and published_at is None:
        return Failure(label, f"status '{wp_status}' but no post_date: cannot tell when it was published")
    raw = fields.get("content:encoded", "")
    lead = fields.get("excerpt:encoded", "").strip()
    if portal:
        body, dateline = wp_content.GALLERY.sub("", raw).rstrip(), None
    else:
        body, lead = wp_content.convert(raw), plain(lead)
        dateline, body = split_html_dateline(body)
    login = fields.get("dc:creator", "").strip()
    display = export.authors.get(login) or login
    credit = f"Ed: {display}" if display and login.lower() not in NO_CREDIT else ""
    record = ArticleRecord(
        source_key=meta.get("_kpu_source_key") or f"wp:{post_id}",
        label=label,
        title=fields.get("title", "").strip(),
        body=body,
        slug=fields.get("wp:post_name", "").strip(),
        dateline=meta.get("_kpu_dateline", dateline.place if dateline else ""),
        lead=lead,
        status=status,
        published_at=published_at,
        editor_credit=meta.get("_kpu_editor_credit", credit),
        view_count=view_count(meta),
        source_url=meta.get("_kpu_source_url", fields.get("link", "").strip()),
        # A portal export's <link> is this portal's own address; its old one is _kpu_source_url.
        old_urls=[meta.get("_kpu_source_url", "")] if portal else old_urls(fields, export.link),
        categories=[name for domain, name in item.categories if domain == "category"],
        tags=[name for domain, name in item.categories if domain == "post_tag"],
        share_down=meta.get("_kpu_share_down") == "1",
        satker=satker,
    )
    if meta.get("_kpu_kind") in Kind.values:
        record.kind = meta["_kpu_kind"]
    if media_root is not None:
        record.media_root = media_root
        record.keep_media_names = portal
        record.inline_images = wp_content.inline_images(body)
        record.attachment = meta.get("_kpu_attachment", "").strip()
        thumbnail = export.attachments.get(meta.get("_thumbnail_id", "").strip())
        record.featured_image = image_ref(thumbnail) if thumbnail else None
        for attachment_id in wp_content.gallery_ids(raw):
            attachment = export.attachments.get(str(attachment_id))
            ref = image_ref(attachment) if attachment else None
            if ref:
                record.gallery.append(ref)
    return record


def wxr_items(path, *, satker=None, media_root=None):
    """Records, Skips and Failures for every item of the export at `path`.

    The satker is `satker`, else the one whose domain is the export's site link; the whole
    file fails (one Failure) when neither is known.
    """
    try:
        export = read_export(path)
    except WxrError as exc:
        yield Failure(str(path), str(exc).removeprefix(f"{path}: "))
        return
    if satker is None:
        satker = satker_for_host(export.link)
        if satker is None:
            yield Failure(str(path), f"the site {export.link or '(no link)'} is no satker's domain; give --satker")
            return
    for number, item in enumerate(export.items, start=1):
        fields = item.fields
        title = fields.get("title", "").strip()
        label = f"{Path(path).name} item {number} (post {fields.get('wp:post_id', '?')} “{title[:60]}”)"
        post_type = fields.get("wp:post_type", "").strip()
        wp_status = fields.get("wp:status", "").strip()
        if post_type != "post":
            yield Skip(label, SKIPPED_TYPES.get(post_type, f"post type '{post_type}'"))
        elif wp_status == "trash":
            yield Skip(label, "in the WordPress trash")
        elif wp_status not in STATUSES:
            yield Skip(label, f"WordPress status '{wp_status}'")
        else:
            yield to_record(item, export, satker, media_root, label)
