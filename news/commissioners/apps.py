from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionersConfig(AppConfig):
    name = "news.commissioners"
    label = "commissioners"
    verbose_name = _("Komisioner")

    def ready(self):
        from . import signals  # noqa: F401  (connects its receivers)
