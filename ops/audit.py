"""Writes the audit trail: successful and failed logins, and every change of an article's status
(reported by news/signals.py, which reads them from the revision history)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from satker.scoping import membership_of

from .clientip import client_ip
from .models import Action, AuditEvent

USERNAME_LENGTH = 150


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


def log_status_change(article, user, before, after, when):
    """One line per change of an article's status (news/signals.py calls it)."""
    AuditEvent.objects.create(
        action=Action.STATUS, user=user, username=user.get_username() if user else "",
        satker_id=article.satker_id, article=article,
        detail=f"{article.title[:180]}: {before} → {after} {when}".strip()[:300],
    )  # fmt: skip
