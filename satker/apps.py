from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SatkerConfig(AppConfig):
    name = "satker"
    verbose_name = _("Direktori satker")

    def ready(self):
        from . import directory_cache  # noqa: F401  (connects its signal receivers)
        from .roles import sync_role_groups

        # Every app sends post_migrate after creating its permissions; syncing on each keeps
        # the groups complete whatever the app order.
        post_migrate.connect(sync_role_groups, dispatch_uid="satker_sync_role_groups")
