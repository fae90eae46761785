"""Who may do what to which article: statuses, transitions and row-level rights.

Writers draft and submit their own articles; editors (and satker admins) publish, schedule,
unpublish and archive the articles of their own satker; superadmins do everything everywhere.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.models import Status
from satker.scoping import editable_satker, readable_satker

WRITER_STATUSES = {Status.DRAFT, Status.REVIEW}
logger = logging.getLogger(__name__)


def can_publish(user):
    return user.has_perm("news.publish_article")


def allowed_statuses(user):
    """The statuses this user may give an article."""
    return set(Status) if can_publish(user) else WRITER_STATUSES


def check_status_change(user, article, new_status):
    """Raise PermissionDenied when the user may not move the article to `new_status`.

    A writer may only keep an article in draft or review, and may not touch an article
    that an editor already published, scheduled or archived.
    """
    if can_publish(user):
        return
    if new_status not in WRITER_STATUSES or article.status not in WRITER_STATUSES:
        raise PermissionDenied(_("Penulis tidak dapat menerbitkan, menjadwalkan atau mengarsipkan artikel."))


def can_read(user, article):
    return readable_satker(user).filter(pk=article.satker_id).exists()


def can_change(user, article):
    """Row-level change right: the own satker only; a writer only its own unpublished articles."""
    if not user.has_perm("news.change_article"):
        return False
    if not editable_satker(user).filter(pk=article.satker_id).exists():
        return False
    if can_publish(user):
        return True
    return article.author_id == user.pk and article.status in WRITER_STATUSES


def can_delete_for_good(user):
    """Only superadmins delete; editors archive, which can be undone."""
    return user.is_active and user.is_superuser


class Transition:
    def __init__(self, name, label, sources, target, needs_publish):
        self.name, self.label, self.sources, self.target, self.needs_publish = (
            name, label, sources, target, needs_publish,
        )  # fmt: skip

    def allowed_for(self, user):
        return can_publish(user) or not self.needs_publish

    def apply(self, user, article):
        """Move the article, or raise PermissionDenied; returns False when it does not apply."""
        if not can_change(user, article) or not self.allowed_for(user):
            logger.warning("Refused %s of article %s by %s", self.name, article.pk, user)
            raise PermissionDenied(_("Anda tidak berhak melakukan ini pada artikel tersebut."))
        if article.status not in self.sources:
            return False
        article.status = self.target
        if self.name == "publish" and (article.published_at is None or article.published_at > timezone.now()):
            article.published_at = timezone.now()
        if self.name == "unpublish":
            article.published_at = None
        article.save()
        return True


D, R, P, A = Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED
TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", gettext_lazy("Ajukan untuk ditinjau"), {D}, R, False),
        Transition("publish", gettext_lazy("Terbitkan sekarang"), {D, R}, P, True),
        Transition("unpublish", gettext_lazy("Batalkan terbit (kembali ke draf)"), {P}, D, True),
        Transition(
            "archive", gettext_lazy("Arsipkan (hapus dari situs, bisa dipulihkan)"),
            {D, R, P}, A, True,
        ),
        Transition("restore", gettext_lazy("Pulihkan dari arsip (ke draf)"), {A}, D, True),
    ]
}  # fmt: skip
