from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Berita")

    def ready(self):
        from news.newsroom import admin  # noqa: F401  (the newsroom: registered here, it is not news/newsroom/admin.py)
        from pagecache import generations  # noqa: F401  (connects its signal receivers)
