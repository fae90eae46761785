from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Berita")

    def ready(self):
        # The newsroom's admin lives in news/newsroom/, where Django's autodiscovery does not look.
        from . import signals  # noqa: F401  (connects its receivers)
        from .newsroom import admin  # noqa: F401
