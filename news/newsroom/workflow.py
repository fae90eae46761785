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


def can_withdraw(user):
    """Withdrawing a public article (a notice in its place, out of every list) is a publishing
    decision: the roles that publish may do it."""
    return can_publish(user)


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
    return may_change_row(user, article, "news.change_article")


def may_change_row(user, obj, change_permission):
    """The row rule for any satker content with `status` and `author` (articles, pages): the
    model's change permission, the own satker only; a writer only its own unpublished rows."""
    if not user.has_perm(change_permission):
        return False
    if not editable_satker(user).filter(pk=obj.satker_id).exists():
        return False
    if can_publish(user):
        return True
    return obj.author_id == user.pk and obj.status in WRITER_STATUSES


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

# What an action did, in the words of its message: "1 artikel diterbitkan".
DONE_WORDS = {
    "submit": gettext_lazy("diajukan untuk ditinjau"),
    "publish": gettext_lazy("diterbitkan"),
    "unpublish": gettext_lazy("dibatalkan terbitnya (kembali ke draf)"),
    "archive": gettext_lazy("diarsipkan"),
    "restore": gettext_lazy("dipulihkan dari arsip (ke draf)"),
}


# The states an editor thinks in: the statuses, with "Terbit" split by the public rule.
STATE_LABELS = {
    Status.DRAFT: Status.DRAFT.label,
    Status.REVIEW: Status.REVIEW.label,
    "scheduled": gettext_lazy("Terjadwal"),
    "live": gettext_lazy("Tayang"),
    "withdrawn": gettext_lazy("Ditarik"),
    Status.ARCHIVED: Status.ARCHIVED.label,
}
# Why an action passed an article by, in its state: "1 dilewati karena sudah terbit".
SKIP_REASONS = {
    Status.DRAFT: gettext_lazy("masih draf"),
    Status.REVIEW: gettext_lazy("sedang menunggu tinjauan"),
    "scheduled": gettext_lazy("sudah terjadwal"),
    "live": gettext_lazy("sudah terbit"),
    "withdrawn": gettext_lazy("sudah ditarik"),
    Status.ARCHIVED: gettext_lazy("sudah diarsipkan"),
}


def state_of(article):
    """The article's key in STATE_LABELS: its status, or for a published one whether it is
    withdrawn, scheduled or live (the list, the preview label and the action messages agree)."""
    if article.status != Status.PUBLISHED:
        return article.status
    if article.withdrawn_at is not None:
        return "withdrawn"
    return "scheduled" if article.is_scheduled() else "live"


def action_summary(name, done, skipped):
    """'1 artikel diterbitkan, 1 dilewati karena sudah terbit.' for `done` changed articles and
    the `skipped` ones (counted per reason, so a mixed selection says what each was)."""
    reasons = {}
    for article in skipped:
        reason = str(SKIP_REASONS[state_of(article)])
        reasons[reason] = reasons.get(reason, 0) + 1
    parts = [_("%(n)s artikel %(done)s") % {"n": done, "done": DONE_WORDS[name]}]
    parts += [_("%(n)s dilewati karena %(why)s") % {"n": n, "why": why} for why, n in reasons.items()]
    return ", ".join(parts) + "."


def save_outcome(before, after):
    """What a save from the form did to the article's place in the workflow, said after Django's
    "artikel ... berhasil diubah." (`before` is the stored copy, an empty Article when added)."""
    if after.status == Status.ARCHIVED:
        return _("Diarsipkan: tidak tampil di situs.")
    if after.withdrawn_at is not None:
        if before.withdrawn_at is None:
            return _("Ditarik: halamannya kini hanya memuat pemberitahuan dan alasan penarikan.")
        return _("Tetap ditarik: isinya tidak tampil di situs.")
    if after.is_scheduled():
        return _("Dijadwalkan: tayang sendiri pada waktu terbitnya.")
    if after.is_public():
        if before.is_public():
            return _("Perubahan langsung tayang di situs.")
        return _("Diterbitkan: tayang di situs sekarang.")
    if before.is_public() or before.is_scheduled():
        return _("Terbitnya dibatalkan: kembali ke draf.")
    if after.status == Status.REVIEW:
        return _("Diajukan untuk ditinjau: editor satker Anda akan menerbitkannya.")
    return _("Disimpan sebagai draf: belum tampil di situs.")
