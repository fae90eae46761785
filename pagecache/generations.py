"""Generation numbers that move whenever published content changes, per satker.

Cached pages and counts put the generation of their scope in the key, so a change shows at
once instead of when a timeout runs out. Changing an article of Kota Kediri moves the
generations of Kota Kediri, KPU Provinsi Jawa Timur and KPU RI (whose pages list it too),
and leaves the other 550 satker's cached pages alone. Each satker also has an "own"
generation, moved only by its own articles: its article pages depend on that alone, so KPU
RI's article pages stay cached while the whole country publishes.

Users call `bump()` when content changes (news/signals.py) and decorate pages with
pagecache/pages.py; nothing here knows what an article is.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from satker.directory_cache import GENERATION_KEY as DIRECTORY_KEY
from satker.directory_cache import ancestors_of, descendants_of, directory

from .changes import announce
from .edge import purge_after_commit

NATIONAL = "ri"  # the national portal's own scope, moved by every change


SITE_PREFIX = "news:generation:"
OWN_PREFIX = "news:own:"


def key_for(satker_id):
    return f"{SITE_PREFIX}{satker_id}"


def own_key(satker_id):
    """Moves only when the satker's own articles change (its article pages depend on it)."""
    return f"{OWN_PREFIX}{satker_id}"


def content_satkers(key):
    """The satker whose content a page built on this key may show (the same rule that moves the
    key, read backwards), or None for all of them (the national portal, the directory)."""
    if key.startswith(OWN_PREFIX):
        return [int(key.removeprefix(OWN_PREFIX))]
    site = key.removeprefix(SITE_PREFIX) if key.startswith(SITE_PREFIX) else NATIONAL
    return None if site == NATIONAL else sites_showing(int(site))


def new_token():
    return uuid.uuid4().hex


def generation(satker_id):
    """The current generation of a satker's content (None: the national portal)."""
    return generation_of(key_for(satker_id or NATIONAL))


def generation_of(key):
    return cache.get_or_set(key, new_token, timeout=None)


def sites_showing(satker_id):
    """The satker sites whose pages may show this satker's content: its own, the units above it
    (their listings include it) and the units below it (news shared down)."""
    satker = directory().by_id.get(satker_id)
    if satker is None:
        return [satker_id]
    return [satker_id, *(unit.pk for unit in ancestors_of(satker)), *(unit.pk for unit in descendants_of(satker))]


def bump(satker_ids):
    """Content of these satker changed: move the generations now, and again once the change is
    committed (a page rendered between the two saw the old rows under the new generation, and
    must not be kept)."""
    satker_ids = list(satker_ids)
    keys = move_generations(satker_ids)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: move_generations(satker_ids))
    purge_after_commit(keys)  # the edge keeps pages for hours: purged once, after the commit


def move_generations(satker_ids):
    keys = {key_for(site) for satker_id in satker_ids for site in sites_showing(satker_id)}
    keys.add(key_for(NATIONAL))
    keys |= {own_key(satker_id) for satker_id in satker_ids}
    cache.set_many({key: new_token() for key in keys}, timeout=None)
    announce(keys)
    return keys


@receiver(post_save, sender="satker.Satker")
@receiver(post_delete, sender="satker.Satker")
def directory_changed(**kwargs):
    # satker/directory_cache.py moved the directory's generation (its receiver runs first):
    # pages kept in memory show satker names and links too.
    announce([DIRECTORY_KEY])
    purge_after_commit([DIRECTORY_KEY])  # every page at the edge carries this tag
