"""Generation numbers that move whenever published content changes, per satker.

Cached pages and counts put the generation of their scope in the key, so a change shows at
once instead of when a timeout runs out. Changing an article of Kota Kediri moves the
generations of Kota Kediri, KPU Provinsi Jawa Timur and KPU RI (whose pages list it too),
and leaves the other 550 satker's cached pages alone. Each satker also has an "own"
generation, moved only by its own articles: its article pages depend on that alone, so KPU
RI's article pages stay cached while the whole country publishes.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache.changes import announce
from satker.directory_cache import GENERATION_KEY as DIRECTORY_KEY
from satker.directory_cache import directory


def key_for(satker_id):
    return f"news:generation:{satker_id}"


def own_key(satker_id):
    """Moves only when the satker's own articles change (its article pages depend on it)."""
    return f"news:own:{satker_id}"


def new_token():
    return uuid.uuid4().hex


def generation(satker_id):
    """The current generation of a satker's content (None: the national portal)."""
    return generation_of(key_for(satker_id or "ri"))


def generation_of(key):
    return cache.get_or_set(key, new_token, timeout=None)


def chain(satker_id):
    """The satker and every unit above it, up to KPU RI."""
    units = directory().by_id
    ids = []
    while satker_id is not None:
        ids.append(satker_id)
        satker = units.get(satker_id)
        satker_id = satker.parent_id if satker else None
    return ids


def shares_down_to(satker_id):
    """Units whose sites may list this satker's shared articles: all for KPU RI, a province's
    kab/kota for a province, none for a kab/kota."""
    units = directory().by_id
    satker = units.get(satker_id)
    if satker is None or satker.level not in ("pusat", "provinsi"):
        return []
    if satker.level == "pusat":
        return list(units)
    return [unit.pk for unit in units.values() if unit.parent_id == satker_id]


def bump(satker_ids):
    """Move the generations now, and again once the change is committed: a page rendered
    between the two saw the old rows under the new generation, and must not be kept."""
    satker_ids = list(satker_ids)
    move_generations(satker_ids)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: move_generations(satker_ids))


def move_generations(satker_ids):
    keys = {key_for(unit) for satker_id in satker_ids for unit in chain(satker_id)}
    keys |= {key_for(unit) for satker_id in satker_ids for unit in shares_down_to(satker_id)}
    keys.add(key_for("ri"))
    keys |= {own_key(satker_id) for satker_id in satker_ids}
    cache.set_many({key: new_token() for key in keys}, timeout=None)
    announce(keys)


@receiver(post_save, sender="news.Article")
@receiver(post_delete, sender="news.Article")
def article_changed(instance, **kwargs):
    bump([instance.satker_id])


@receiver(post_save, sender="taggit.TaggedItem")
@receiver(post_delete, sender="taggit.TaggedItem")
def tags_changed(instance, **kwargs):
    from .models import Article

    if instance.content_type.model_class() is Article:
        bump(Article.objects.filter(pk=instance.object_id).values_list("satker_id", flat=True))


@receiver(m2m_changed, sender="news.Article_divisions")
def divisions_changed(instance, reverse, pk_set, **kwargs):
    from .models import Article

    if not reverse:
        bump([instance.satker_id])
    elif pk_set:
        bump(set(Article.objects.filter(pk__in=pk_set).values_list("satker_id", flat=True)))


@receiver(post_save, sender="satker.Satker")
@receiver(post_delete, sender="satker.Satker")
def directory_changed(**kwargs):
    # satker/directory_cache.py moved the directory's generation (its receiver runs first):
    # pages kept in memory show satker names and links too.
    announce([DIRECTORY_KEY])
