"""The satker directory kept in memory: 553 rows, read on every request, changed rarely.

Each process holds the whole directory (by id, slug and host) and reloads it when the
generation number in the shared cache moves, which every satker save does. A request thus
resolves its host and its satker filter without a query. The process asks the shared cache for
the generation at most once a second (a Redis round trip per request was most of the cost of a
cached page), so a satker edit reaches the other app servers within a second.
"""

import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import Level, Satker, ServiceLink
from .service_links import merge_links, parse_links, with_service_links

GENERATION_KEY = "satker:directory:generation"
# Sent after every move of the directory's generation: pages showing satker names and links must
# go everywhere they are kept (pagecache listens).
directory_moved = Signal()
LOCALHOST_SUFFIX = ".localhost"


@dataclass
class Directory:
    generation: str = ""
    by_id: dict = field(default_factory=dict)
    by_slug: dict = field(default_factory=dict)
    by_host: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)  # satker id (None: national) -> [FooterLink]


_directory = Directory()


CHECK_SECONDS = 1.0
_known = {"generation": "", "checked_at": float("-inf")}


def current_generation():
    now = time.monotonic()
    if now - _known["checked_at"] >= CHECK_SECONDS:
        _known["generation"] = cache.get_or_set(GENERATION_KEY, new_generation, timeout=None)
        _known["checked_at"] = now
    return _known["generation"]


def forget():
    """Ask the shared cache again on the next call (after the cache was cleared, in tests)."""
    _known["checked_at"] = float("-inf")


def new_generation():
    return uuid.uuid4().hex


def directory():
    global _directory
    generation = current_generation()
    if generation != _directory.generation:
        fresh = Directory(generation=generation)
        # One query: the service links come as JSON columns (satker/service_links.py).
        for satker in with_service_links(Satker.objects.select_related("parent")):
            fresh.links[satker.pk] = parse_links(satker.own_service_links)
            if None not in fresh.links:  # the national links: the same on every row
                fresh.links[None] = parse_links(satker.national_service_links)
            fresh.by_id[satker.pk] = satker
            fresh.by_slug[satker.slug] = satker
            for host in [satker.domain, *satker.alias_domain_list()]:
                if host:
                    fresh.by_host[normalize_host(host)] = satker
        _directory = fresh
    return _directory


def normalize_host(host):
    """'kota-kediri.kpu.go.id' from a Host header, a URL or a dateline: no scheme, path, port,
    trailing dot or 'www.', in lower case."""
    host = (host or "").strip().lower()
    host = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].rstrip(".")
    return host.removeprefix("www.")


def satker_for_host(host):
    """The satker whose domain or alias is `host` (a Host header, or an old site's URL), or None
    for the national portal. In development also `<slug>.localhost` (settings.SATKER_LOCALHOST_SITES)."""
    host = normalize_host(host)
    found = directory().by_host.get(host)
    if found is None and settings.SATKER_LOCALHOST_SITES and host.endswith(LOCALHOST_SUFFIX):
        found = directory().by_slug.get(host.removesuffix(LOCALHOST_SUFFIX))
    return found


def localhost_url(satker, port):
    """'http://kota-kediri.localhost:8000/': a satker's site on a development machine."""
    return f"http://{satker.slug}{LOCALHOST_SUFFIX}{':' + port if port else ''}/"


def satker_by_slug(slug):
    return directory().by_slug.get(slug)


def provinces():
    return sorted((s for s in directory().by_id.values() if s.level == Level.PROVINSI), key=lambda s: s.name)


def ancestors_of(satker):
    """The units above a satker, nearest first: a kabupaten's province, then KPU RI."""
    units = directory().by_id
    found = []
    parent_id = satker.parent_id
    while parent_id is not None and parent_id in units:
        found.append(units[parent_id])
        parent_id = units[parent_id].parent_id
    return found


def children_of(satker):
    return sorted((s for s in directory().by_id.values() if s.parent_id == satker.pk), key=lambda s: s.name)


def descendants_of(satker):
    """Every unit below a satker: all 552 for KPU RI, a province's kab/kota, none for a kab/kota."""
    units = directory().by_id.values()
    if satker.level == Level.PUSAT:
        return [unit for unit in units if unit.pk != satker.pk]
    return [unit for unit in units if unit.parent_id == satker.pk]


def footer_links(satker):
    """The service links a site's footer shows: the national ones and the satker's own
    (satker/service_links.py: merge_links); the national ones on the portal."""
    links = directory().links
    if satker is None:
        return links.get(None, [])
    return merge_links(links.get(None, []), links.get(satker.pk, []), directory().by_id.get(satker.pk, satker))


@receiver(post_save, sender=Satker)
@receiver(post_delete, sender=Satker)
@receiver(post_save, sender=ServiceLink)
@receiver(post_delete, sender=ServiceLink)
def bump_generation(**kwargs):
    generation = new_generation()
    cache.set(GENERATION_KEY, generation, timeout=None)
    _known.update(generation=generation, checked_at=time.monotonic())  # this process: at once
    directory_moved.send(sender=Satker)
