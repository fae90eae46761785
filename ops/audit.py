"""Writes the audit trail: successful and failed logins, and every change of an article's status.

Status changes are read from the revision history (news/newsroom/revisions.py records one per admin save,
workflow action and restore, naming the user), so every path that publishes, schedules, archives
or sends back an article is covered without touching those paths.
"""

import ipaddress

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import Revision, Status
from satker.scoping import membership_of

from .models import Action, AuditEvent

USERNAME_LENGTH = 150


def client_ip(request):
    value = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def satker_of(user):
    membership = membership_of(user) if user is not None else None
    return membership.satker_id if membership else None


@receiver(user_logged_in, dispatch_uid="ops_audit_login")
def log_login(sender, request, user, **kwargs):
    AuditEvent.objects.create(
        action=Action.LOGIN, user=user, username=user.get_username(), satker_id=satker_of(user),
        ip_address=client_ip(request),
    )  # fmt: skip


@receiver(user_login_failed, dispatch_uid="ops_audit_login_failed")
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:USERNAME_LENGTH]
    user = get_user_model().objects.filter(username=username).select_related("membership").first()
    AuditEvent.objects.create(
        action=Action.LOGIN_FAILED, user=user, username=username, satker_id=satker_of(user),
        ip_address=client_ip(request),
    )  # fmt: skip


def status_label(value):
    try:
        return str(Status(value).label)
    except ValueError:
        return str(value or "-")


@receiver(post_save, sender=Revision, dispatch_uid="ops_audit_status")
def log_status_change(sender, instance, created, **kwargs):
    if not created or "status" not in instance.changed_fields:
        return
    previous = instance.article.revisions.exclude(pk=instance.pk).order_by("-created_at", "-id").first()
    before = status_label(previous.data.get("status")) if previous else "-"
    after = status_label(instance.data.get("status"))
    when = instance.data.get("published_at") or ""
    author = instance.author
    AuditEvent.objects.create(
        action=Action.STATUS, user=author, username=author.get_username() if author else "",
        satker_id=instance.article.satker_id, article=instance.article,
        detail=f"{instance.article.title[:180]}: {before} → {after} {when}".strip()[:300],
    )  # fmt: skip
