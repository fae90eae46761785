from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    name = "legacy"
    verbose_name = _("Tautan lama")

    def ready(self):
        from . import signals  # noqa: F401  (keeps a renamed article's old URL)
