"""Every save of an article keeps a revision; editors compare two and restore one."""

import datetime
import difflib
import re
from html import unescape

from django.db import transaction
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from news.models import Article, Division, Kind, Revision, Status
from news.sanitize import clean_html
from news.templatetags.news import satker_datetime

TRACKED_FIELDS = [
    "title", "slug", "kind", "dateline", "lead", "body",
    "featured_image", "featured_image_alt", "featured_image_caption",
    "editor_credit", "status", "published_at", "divisions", "tags", "withdrawn_at", "withdrawal_reason",
]  # fmt: skip
TIME_FIELDS = {"published_at", "withdrawn_at"}
# Restoring brings back the content; the status, publication time and a withdrawal stay as they are now.
RESTORED_FIELDS = [
    name for name in TRACKED_FIELDS if name not in {"status", "published_at", "withdrawn_at", "withdrawal_reason"}
]
BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|tr|figure|figcaption)>|<br>)")
IMAGE = re.compile(r"<img[^>]*>")
REWRITTEN = 0.5  # below this likeness two paragraphs in the same place read as one out, one in
WORD = re.compile(r"\s+|\w+|[^\w\s]")
ALT = re.compile(r"\salt=\"([^\"]*)\"")


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
        "withdrawn_at": article.withdrawn_at.isoformat() if article.withdrawn_at else None,
        "withdrawal_reason": article.withdrawal_reason,
    }


def field_label(name):
    return str(Article._meta.get_field(name).verbose_name)


def record(article, user, note=""):
    """Keep a revision of the article as saved now. Returns it, or None when nothing changed."""
    data = snapshot(article)
    previous = article.revisions.order_by("-created_at", "-id").first()
    before = previous.data if previous else {}
    changed = real_changes(before, data)
    if previous and not changed:
        return None
    return Revision.objects.create(
        article=article, author=user if user and user.is_authenticated else None, data=data,
        changed_fields=changed, note=note,
    )  # fmt: skip


class ChangedMeanwhile(Exception):
    """The article was saved after the editor opened the restore confirmation."""


@transaction.atomic
def restore(revision, user, expected_version):
    """Bring the article's content back to `revision` and keep that as a new revision.

    A save made since the confirmation showed `expected_version` wins: ChangedMeanwhile is raised
    and nothing changes (the optimistic locking of the edit form)."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if article.version != expected_version:
        raise ChangedMeanwhile
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
    # The satker's time, as the history lists the revision it names (not the server's WIB).
    when = satker_datetime(revision.created_at, article.satker)
    return record(article, user, note=_("Dipulihkan dari revisi %(when)s") % {"when": when})


def same_value(name, a, b):
    """True when two stored values mean the same: a time compares as a moment to the second (the
    form drops microseconds and a refused save stores another offset), not as ISO text."""
    if name in TIME_FIELDS and a and b:
        return parse_moment(a) == parse_moment(b)
    if a in (None, "") and b in (None, ""):
        return True  # a field older revisions did not keep yet
    return a == b


def parse_moment(value):
    try:
        return datetime.datetime.fromisoformat(value).replace(microsecond=0)
    except (TypeError, ValueError):
        return value


def real_changes(before, after, fields=TRACKED_FIELDS):
    return [name for name in fields if not same_value(name, before.get(name), after.get(name))]


def compare(old, new, satker, fields=TRACKED_FIELDS):
    """What differs between two snapshots (dicts as snapshot() makes them), as people read it: one
    FieldChange per changed field, under its label; the body as paragraphs of text."""
    changes = []
    for name in real_changes(old, new, fields):
        a, b = old.get(name), new.get(name)
        if name == "body":
            changes.append(
                FieldChange(field_label(name), paragraphs=paragraph_diff(body_paragraphs(a), body_paragraphs(b)))
            )
        else:
            changes.append(
                FieldChange(field_label(name), before=display(name, a, satker), after=display(name, b, satker))
            )
    return changes


class FieldChange:
    def __init__(self, label, before="", after="", paragraphs=None):
        self.label, self.before, self.after, self.paragraphs = label, before, after, paragraphs


def display(name, value, satker):
    """A stored value as the form shows it: labels for choices and divisions, the local time."""
    if value in (None, "", []):
        return _("(kosong)")
    if name in TIME_FIELDS:
        moment = parse_moment(value)
        return satker_datetime(moment, satker) if isinstance(moment, datetime.datetime) else str(value)
    if name == "status":
        return Status(value).label if value in Status.values else value
    if name == "kind":
        return Kind(value).label if value in Kind.values else value
    if name == "divisions":
        return ", ".join(Division.objects.filter(pk__in=value).values_list("name", flat=True))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def body_paragraphs(html):
    """The body's text, one string per paragraph (heading, list item, ...): tags stripped,
    an image kept as "[gambar: its alt text]"."""
    html = IMAGE.sub(lambda tag: " [%s] " % (_("gambar: %(alt)s") % {"alt": image_alt(tag.group(0))}), html or "")
    blocks = BLOCK_END.sub(r"\1\n", html).splitlines()
    texts = (" ".join(unescape(strip_tags(block)).split()) for block in blocks)
    return [text for text in texts if text]


def image_alt(tag):
    found = ALT.search(tag)
    return found.group(1) if found and found.group(1) else "-"


def paragraph_diff(old, new):
    """(kind, html) per paragraph: 'same' runs folded to a count, 'removed', 'added', and
    'changed' with the words taken out in <del> and the words put in in <ins>."""
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            rows.append(("same", ngettext("%(n)s paragraf sama", "%(n)s paragraf sama", i2 - i1) % {"n": i2 - i1}))
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            before, after = old[i1 + k], new[j1 + k]
            if difflib.SequenceMatcher(None, before, after, autojunk=False).ratio() < REWRITTEN:
                rows += [("removed", escape(before)), ("added", escape(after))]  # rewritten: word marks only confuse
            else:
                rows.append(("changed", word_diff(before, after)))
        rows += [("removed", escape(text)) for text in old[i1 + pairs : i2]]
        rows += [("added", escape(text)) for text in new[j1 + pairs : j2]]
    return rows


def word_diff(old, new):
    """One paragraph with the words taken out in <del> and put in in <ins>; punctuation and
    spaces are words of their own, so "pleno." -> "pleno terbuka." marks only "terbuka"."""
    a, b = WORD.findall(old), WORD.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308  (every part escaped above)


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
    changed = real_changes(saved, data)
    return Revision.objects.create(
        article=stored,
        author=user if user is not None and user.is_authenticated else None,
        data=data,
        changed_fields=changed,
        note=_("Ditolak: bentrok dengan simpanan lain (versi %(n)s)") % {"n": content.get("loaded_version")},
    )
