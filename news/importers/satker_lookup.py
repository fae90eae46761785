"""Which satker an imported article belongs to, by the slug an operator gives. (By the host named
in the old site's dateline or export: satker.directory_cache.satker_for_host.)"""

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
