"""Who may move an article to which status. Writers draft and submit; editors publish."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Status

WRITER_STATUSES = {Status.DRAFT, Status.REVIEW}


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
