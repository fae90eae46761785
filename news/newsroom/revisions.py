"""Every save of an article keeps a revision; editors compare two and restore one."""

import difflib
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import Article, Division, Revision
from news.sanitize import clean_html

TRACKED_FIELDS = [
    "title", "slug", "kind", "dateline", "lead", "body",
    "featured_image", "featured_image_alt", "featured_image_caption",
    "editor_credit", "status", "published_at", "divisions", "tags",
]  # fmt: skip
# Restoring brings back the content; the status and publication time stay as they are now.
RESTORED_FIELDS = [name for name in TRACKED_FIELDS if name not in {"status", "published_at"}]
BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|tr|figure)>|<br>)")


def snapshot(article):
    """The article's tracked fields as JSON-ready data (m2m included: call after they are saved)."""
    return {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "dateline": article.dateline,
        "lead": article.lead,
        "body": article.body,
        "featured_image": article.featured_image.name or "",
        "featured_image_alt": article.featured_image_alt,
        "featured_image_caption": article.featured_image_caption,
        "editor_credit": article.editor_credit,
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "divisions": sorted(article.divisions.values_list("pk", flat=True)),
        "tags": sorted(article.tags.names()),
    }


def field_label(name):
    return str(Article._meta.get_field(name).verbose_name)


def record(article, user, note=""):
    """Keep a revision of the article as saved now. Returns it, or None when nothing changed."""
    data = snapshot(article)
    previous = article.revisions.order_by("-created_at", "-id").first()
    before = previous.data if previous else {}
    changed = [name for name in TRACKED_FIELDS if before.get(name) != data[name]]
    if previous and not changed:
        return None
    return Revision.objects.create(
        article=article, author=user if user and user.is_authenticated else None, data=data,
        changed_fields=changed, note=note,
    )  # fmt: skip


@transaction.atomic
def restore(revision, user):
    """Bring the article's content back to `revision` and keep that as a new revision."""
    article = revision.article
    data = revision.data
    for name in RESTORED_FIELDS:
        if name in {"divisions", "tags"}:
            continue
        setattr(article, name, data.get(name, ""))
    if Article.objects.filter(satker_id=article.satker_id, slug=article.slug).exclude(pk=article.pk).exists():
        article.slug = ""  # taken meanwhile by another article: make a fresh one from the title
    article.save()
    article.divisions.set(Division.objects.filter(pk__in=data.get("divisions", [])))
    article.tags.set(data.get("tags", []), clear=True)
    when = timezone.localtime(revision.created_at)
    return record(article, user, note=_("Dipulihkan dari revisi %(when)s") % {"when": when.strftime("%d-%m-%Y %H:%M")})


def body_lines(html):
    return [line for line in BLOCK_END.sub(r"\1\n", html or "").splitlines() if line.strip()]


def compare(old, new):
    """Rows of (label, HTML table of the differences) for each field that differs between two revisions.

    The tables come from difflib.HtmlDiff, which escapes the compared text.
    """
    differ = difflib.HtmlDiff(wrapcolumn=60)
    rows = []
    for name in TRACKED_FIELDS:
        a, b = old.data.get(name), new.data.get(name)
        if a == b:
            continue
        if name == "body":
            a_lines, b_lines = body_lines(a), body_lines(b)
        else:
            a_lines, b_lines = [display(a)], [display(b)]
        table = differ.make_table(a_lines, b_lines, _("Lama"), _("Baru"), context=name == "body", numlines=1)
        rows.append((field_label(name), table))
    return rows


def display(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


REFUSED_FIELDS = [
    "title", "slug", "kind", "dateline", "lead", "featured_image_alt", "featured_image_caption", "editor_credit",
    "status",
]  # fmt: skip


def keep_refused(article_id, content, user):
    """Keep content whose save was refused (an older version, news/newsroom/forms.py
    check_version) in the revision history, where it can be compared and restored."""
    stored = Article.objects.get(pk=article_id)
    saved = snapshot(stored)
    data = dict(saved)
    for name in REFUSED_FIELDS:
        if name in content:
            data[name] = content[name]
    if "body" in content:
        data["body"] = clean_html(content["body"])
    if content.get("published_at"):
        data["published_at"] = content["published_at"].isoformat()
    if content.get("divisions") is not None:
        data["divisions"] = sorted(division.pk for division in content["divisions"])
    if content.get("tags") is not None:
        data["tags"] = sorted(content["tags"])
    changed = [name for name in TRACKED_FIELDS if data.get(name) != saved[name]]
    return Revision.objects.create(
        article=stored,
        author=user if user is not None and user.is_authenticated else None,
        data=data,
        changed_fields=changed,
        note=_("Ditolak: bentrok dengan simpanan lain (versi %(n)s)") % {"n": content.get("loaded_version")},
    )
