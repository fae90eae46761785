from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "news.elections"
    label = "elections"
    verbose_name = _("Tahapan dan Jadwal")

    def ready(self):
        from . import signals  # noqa: F401  (connects its receivers)
