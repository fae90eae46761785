"""Which satker an imported article belongs to: by the slug an operator gives, or by the host
named in the old site's dateline or export (its domain or one of its alias domains)."""

import difflib

from satker.models import Satker


class UnknownSatker(Exception):
    pass


def satker_by_slug(slug):
    """The satker with `slug`, or UnknownSatker naming the closest slugs."""
    try:
        return Satker.objects.get(slug=slug)
    except Satker.DoesNotExist:
        slugs = Satker.objects.values_list("slug", flat=True)
        close = difflib.get_close_matches(slug, list(slugs), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else " Slugs look like kota-kediri or prov-jawa-timur."
        raise UnknownSatker(f"Unknown satker '{slug}'.{hint}") from None


def normalize_host(host):
    host = (host or "").strip().lower().rstrip(".")
    host = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.")


class HostDirectory:
    """Host -> satker for the whole directory, read with one query on first use."""

    def __init__(self):
        self._by_host = None

    def get(self, host):
        if self._by_host is None:
            self._by_host = {}
            for satker in Satker.objects.exclude(domain=None, alias_domains=""):
                for name in [satker.domain, *satker.alias_domain_list()]:
                    if name:
                        self._by_host[normalize_host(name)] = satker
        return self._by_host.get(normalize_host(host))
