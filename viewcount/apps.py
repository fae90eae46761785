from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViewcountConfig(AppConfig):
    name = "viewcount"
    verbose_name = _("Penghitung kunjungan")
