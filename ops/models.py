from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("Masuk")
    LOGIN_FAILED = "login_failed", _("Gagal masuk")
    STATUS = "status", _("Ubah status artikel")


class AuditEvent(models.Model):
    """Who did what, when, from where: logins, failed logins and publishing actions (ops/audit.py).

    Kept as written: the admin shows it read-only and nothing in the site updates or deletes it.
    """

    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pengguna")
    )
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    satker = models.ForeignKey(
        "satker.Satker", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("satker")
    )
    article = models.ForeignKey(
        "news.Article", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("artikel")
    )
    detail = models.CharField(_("keterangan"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["satker", "-created_at"], name="audit_satker_newest")]

    def __str__(self):
        return f"{self.get_action_display()} {self.username} {self.created_at:%Y-%m-%d %H:%M}"
