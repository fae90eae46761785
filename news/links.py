"""Full URLs: on the satker's own domain when it has one, else on the national portal."""

from urllib.parse import urlsplit

from django.conf import settings


def site_root(satker=None):
    """'https://kota-kediri.kpu.go.id' for a satker with a domain, else SITE_URL."""
    if satker is not None and satker.domain:
        scheme = urlsplit(settings.SITE_URL).scheme or "https"
        return f"{scheme}://{satker.domain}"
    return settings.SITE_URL


def absolute_url(satker, path):
    return f"{site_root(satker)}{path}"
