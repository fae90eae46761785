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

import threading
import uuid

from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver

from satker.directory_cache import CHECK_SECONDS, ancestors_of, descendants_of, directory, directory_moved
from satker.directory_cache import GENERATION_KEY as DIRECTORY_KEY

from . import edge
from .changes import announce

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
    """Content of these satker changed: the pages of every site showing it must go."""
    move_keys(keys_shown_by(satker_ids))


def keys_shown_by(satker_ids):
    keys = {key_for(site) for satker_id in satker_ids for site in sites_showing(satker_id)}
    keys.add(key_for(NATIONAL))
    return keys | {own_key(satker_id) for satker_id in satker_ids}


_moved = threading.local()  # the keys this thread's open transaction moved


def move_keys(keys):
    """Move these generation keys now; inside a transaction, again once it commits (a page
    rendered between the two saw the old rows under the new generation, and must not be kept).
    Once committed, the edge purges them: every key a transaction moved in one purge, sent after
    all of them moved for the last time. The one way to move a generation."""
    if not hasattr(_moved, "keys"):
        _moved.keys = set()
    _moved.keys |= set(keys)
    if transaction.get_connection().in_atomic_block:
        move(keys)
        transaction.on_commit(committed, robust=True)  # an edge problem never fails a saved change
    else:
        committed()


def committed():
    # Keys of a rolled-back transaction go along: one more move and purge, harmless.
    keys, _moved.keys = getattr(_moved, "keys", set()), set()
    if keys:
        move(keys)
        edge.purge(keys)


def forget_moves():
    """Tests: keys moved in earlier tests' rolled-back transactions."""
    _moved.keys = set()


def move(keys):
    cache.set_many({key: new_token() for key in keys}, timeout=None)
    announce(keys)


@receiver(directory_moved)
def directory_changed(**kwargs):
    # Pages kept in memory, and at the edge, show satker names and links too. Other processes
    # notice the new directory within a second (satker/directory_cache.py): a page an edge fetches
    # from one of them in that second is the old one, so the edge is purged a second time then.
    announce([DIRECTORY_KEY])
    transaction.on_commit(lambda: edge.purge([DIRECTORY_KEY], again_after=CHECK_SECONDS + 1), robust=True)
