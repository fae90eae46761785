from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = _("Operasional")

    def ready(self):
        from . import audit  # noqa: F401, PLC0415  (connects the audit trail's signal receivers)
