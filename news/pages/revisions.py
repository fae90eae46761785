"""Every save of a page keeps a revision; an editor restores one. Smaller than the articles'
(news/newsroom/revisions.py, bound to Article): no field-by-field comparison."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Page, PageRevision

RESTORED_FIELDS = ["title", "slug", "body"]  # the content; place in the menu and status stay as they are


def snapshot(page):
    return {
        "title": page.title,
        "slug": page.slug,
        "body": page.body,
        "order": page.order,
        "parent": page.parent_id,
        "status": page.status,
        "for_all_sites": page.for_all_sites,
    }


def record(page, user, note=""):
    """Keep a revision of the page as saved now; None when nothing changed since the last one."""
    data = snapshot(page)
    previous = page.revisions.first()
    if previous is not None and previous.data == data:
        return None
    author = user if user is not None and user.is_authenticated else None
    return PageRevision.objects.create(page=page, author=author, data=data, note=note)


@transaction.atomic
def restore(revision, user):
    page = revision.page
    for name in RESTORED_FIELDS:
        setattr(page, name, revision.data.get(name, ""))
    if Page.objects.filter(satker_id=page.satker_id, slug=page.slug).exclude(pk=page.pk).exists():
        page.slug = ""  # taken meanwhile: a fresh one from the title
    page.save()
    when = timezone.localtime(revision.created_at).strftime("%d-%m-%Y %H:%M")
    return record(page, user, note=_("Dipulihkan dari revisi %(when)s") % {"when": when})
