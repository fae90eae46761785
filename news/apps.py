from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Berita")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import search_index, signals  # noqa: F401  (signals connects its receivers)

        # SQLite's search triggers call a Python function (news/search_index.py).
        connection_created.connect(search_index.register_functions, dispatch_uid="news_search_functions")
        post_migrate.connect(search_index.restore_sqlite_triggers, sender=self, dispatch_uid="news_search_triggers")
        # The newsroom's admin lives in news/newsroom/, where Django's autodiscovery does not look.
        from .newsroom import admin  # noqa: F401
