from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "news.pages"
    label = "pages"
    verbose_name = _("Halaman")

    def ready(self):
        from . import signals  # noqa: F401  (connects its receivers)
