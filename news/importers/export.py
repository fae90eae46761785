"""A satker's articles out as JSON or WXR, so no satker is locked in.

WXR is what WordPress's own importer reads; what WordPress has no field for (kind, dateline,
editor credit, the exact status, the import keys) travels in `_kpu_*` post meta, so
`import_wordpress` reads a portal export back into the same articles. Image paths are the
portal's storage names: give a copy of MEDIA_ROOT as --media-dir when importing them again.
"""

import json
from datetime import UTC
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring
from zoneinfo import ZoneInfo

from django.core.files.storage import default_storage
from django.utils import timezone

from news.links import site_root
from news.models import Article, Status

FORMAT = "kpu-news-articles"
VERSION = 1
NS = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
for _prefix, _uri in NS.items():
    register_namespace(_prefix, _uri)
WP_STATUS = {Status.DRAFT: "draft", Status.REVIEW: "pending", Status.ARCHIVED: "private"}


def articles_of(satker):
    return (
        Article.objects.filter(satker=satker)
        .select_related("satker")
        .prefetch_related("divisions", "tags", "images")
        .order_by("published_at", "pk")
    )


def portal_key(article):
    """The import key of an article: its old site's key, or for an article written in the
    portal "portal:<slug>" (slugs are unique per satker and never change once published)."""
    return article.source_key or f"portal:{article.slug}"


def article_data(article):
    return {
        "source_key": portal_key(article),
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "dateline": article.dateline,
        "lead": article.lead,
        "body": article.body,
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "editor_credit": article.editor_credit,
        "view_count": article.view_count,
        "source_url": article.source_url,
        "divisions": [division.name for division in article.divisions.all()],
        "tags": sorted(tag.name for tag in article.tags.all()),
        "featured_image": article.featured_image.name or None,
        "featured_image_alt": article.featured_image_alt,
        "featured_image_caption": article.featured_image_caption,
        "share_down": article.share_down,
        "attachment": article.attachment.name or None,
        "gallery": [
            {"image": image.image.name, "caption": image.caption, "alt": image.alt_text}
            for image in article.images.all()
        ],
    }


def export_json(satker, stream):
    """Write the satker's articles as one JSON document; returns how many."""
    articles = [article_data(article) for article in articles_of(satker)]
    document = {"format": FORMAT, "version": VERSION, "satker": satker.slug, "articles": articles}
    stream.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")  # one write: stdout wrappers add newlines
    return len(articles)


def text(parent, tag, value):
    prefix, _, name = tag.rpartition(":")
    element = SubElement(parent, f"{{{NS[prefix]}}}{name}" if prefix else name)
    element.text = "" if value is None else str(value)
    return element


def meta(item, key, value):
    postmeta = text(item, "wp:postmeta", None)
    text(postmeta, "wp:meta_key", key)
    text(postmeta, "wp:meta_value", value)


def wp_dates(item, moment, zone):
    if moment is None:
        text(item, "wp:post_date", "0000-00-00 00:00:00")
        text(item, "wp:post_date_gmt", "0000-00-00 00:00:00")
        return
    text(item, "wp:post_date", timezone.localtime(moment, zone).strftime("%Y-%m-%d %H:%M:%S"))
    text(item, "wp:post_date_gmt", moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"))


def attachment(channel, number, parent, name, title, alt, caption, root):
    item = text(channel, "item", None)
    text(item, "title", title)
    text(item, "excerpt:encoded", caption)
    text(item, "wp:post_id", number)
    text(item, "wp:post_parent", parent)
    text(item, "wp:post_type", "attachment")
    text(item, "wp:status", "inherit")
    text(item, "wp:attachment_url", f"{root}{default_storage.url(name)}")
    meta(item, "_wp_attached_file", name)
    meta(item, "_wp_attachment_image_alt", alt)


def export_wxr(satker, stream):
    """Write the satker's articles as a WXR 1.2 file; returns how many."""
    zone = ZoneInfo(satker.time_zone)
    root = site_root(satker)
    rss = Element("rss", {"version": "2.0"})
    channel = text(rss, "channel", None)
    text(channel, "title", satker.name)
    text(channel, "link", root)
    text(channel, "wp:wxr_version", "1.2")
    text(channel, "wp:base_site_url", root)
    articles = list(articles_of(satker))
    next_id = max((article.pk for article in articles), default=0) + 1
    for article in articles:
        item = text(channel, "item", None)
        text(item, "title", article.title)
        text(item, "link", article.get_canonical_url())
        text(item, "dc:creator", article.editor_credit)
        gallery_ids = list(range(next_id + 1, next_id + 1 + len(article.images.all())))
        body = article.body
        if gallery_ids:
            body += f'\n[gallery ids="{",".join(map(str, gallery_ids))}"]'
        text(item, "content:encoded", body)
        text(item, "excerpt:encoded", article.lead)
        text(item, "wp:post_id", article.pk)
        wp_dates(item, article.published_at, zone)
        text(item, "wp:post_name", article.slug)
        status = WP_STATUS.get(article.status, "future" if article.is_scheduled() else "publish")
        text(item, "wp:status", status)
        text(item, "wp:post_type", "post")
        for division in article.divisions.all():
            category = text(item, "category", division.name)
            category.set("domain", "category")
            category.set("nicename", division.slug)
        for tag in article.tags.all():
            category = text(item, "category", tag.name)
            category.set("domain", "post_tag")
            category.set("nicename", tag.slug)
        meta(item, "views", article.view_count)
        for key in ("kind", "dateline", "editor_credit", "status", "source_url"):
            meta(item, f"_kpu_{key}", getattr(article, key) or "")
        meta(item, "_kpu_source_key", portal_key(article))
        meta(item, "_kpu_share_down", "1" if article.share_down else "0")
        meta(item, "_kpu_attachment", article.attachment.name or "")
        if article.published_at:  # WordPress dates stop at the second
            meta(item, "_kpu_published_at", article.published_at.isoformat())
        if article.featured_image:
            meta(item, "_thumbnail_id", next_id)
            attachment(
                channel, next_id, article.pk, article.featured_image.name, article.title,
                article.featured_image_alt, article.featured_image_caption, root,
            )  # fmt: skip
        for number, image in zip(gallery_ids, article.images.all(), strict=True):
            name, caption = image.image.name, image.caption
            attachment(channel, number, article.pk, name, caption, image.alt_text, caption, root)
        next_id += 1 + len(gallery_ids)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(rss, encoding="unicode") + "\n")
    return len(articles)
