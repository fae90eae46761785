"""The edge: Varnish servers in front of the app servers keep public pages for hours and are
purged by tag within a second of a change (docs/deployment.md, deploy/varnish/default.vcl).

A page's tags are the generation keys it is built from (pagecache/generations.py), so the edge
and the app's own caches follow one rule: a change moves those keys and purges the same tags.
How long the edge may keep a page is an absolute time (`X-Edge-Expires`), the same whichever
cache replays the response: EDGE_TTL_SECONDS at most, until the next scheduled article of the
page's scope goes public, and until midnight in the site's zone (pages show the date). Without a
configured edge nothing here adds a header or sends a purge.
"""

import datetime
import threading
from functools import cache as memoize
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.http import http_date
from django.utils.module_loading import import_string

from satker.directory_cache import GENERATION_KEY as DIRECTORY_KEY

EXPIRES_HEADER = "X-Edge-Expires"
NO_CHANGE = "none"  # cached answer of a scope with nothing scheduled


@memoize
def purger():
    """The configured purge backend (EDGE_PURGER: pagecache/purgers.py)."""
    return import_string(settings.EDGE_PURGER)()


@receiver(setting_changed)
def forget_purger(setting, **kwargs):
    if setting.startswith("EDGE_"):
        purger.cache_clear()


def enabled():
    return purger().enabled


def tags_value(tags):
    """The tag header's value; a list too long for a header becomes the tag every page carries
    (purged with any change of the satker directory, or by a full purge): broader, never stale."""
    value = " ".join(sorted(tags))
    return value if len(value) <= settings.EDGE_TAGS_MAX_LENGTH else DIRECTORY_KEY


def mark(response, tags, expires_at):
    """Tell the edge what the page shows and until when it may keep it."""
    if not enabled():
        return
    value = tags_value(tags)
    for name in settings.EDGE_TAG_HEADERS:
        response[name] = value
    response[EXPIRES_HEADER] = http_date(expires_at.timestamp())


def expires_at(request, scope_key, generation_token, longest=None):
    """Until when a page of this scope stays right without any change being saved."""
    now = timezone.now()
    seconds = min(settings.EDGE_TTL_SECONDS, longest or settings.EDGE_TTL_SECONDS)
    moments = [now + datetime.timedelta(seconds=seconds), next_midnight(request, now)]
    due = next_change(scope_key, generation_token, now)
    if due is not None:
        moments.append(due)
    return min(moments)


def next_midnight(request, now):
    site = getattr(request, "site_satker", None)
    zone = ZoneInfo(site.time_zone if site else settings.TIME_ZONE)
    tomorrow = timezone.localtime(now, zone).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=zone)


def next_change(scope_key, generation_token, now):
    """When the next scheduled publication shows on pages of this scope, or None. Kept under the
    scope's generation: scheduling an article moves it, so the answer is asked again."""
    key = f"edge:next-change:{scope_key}:{generation_token}"
    cached = cache.get(key)
    if cached == NO_CHANGE:
        return None
    if cached is not None and cached > now:
        return cached
    from .generations import content_satkers  # generations imports this module

    due = import_string(settings.PAGE_NEXT_CHANGE)(content_satkers(scope_key))
    cache.set(key, due or NO_CHANGE, settings.EDGE_TTL_SECONDS)
    return due


def purge(tags, again_after=None):
    """Purge these tags at the edge now (the change is committed) and, if asked, once more a
    little later (what other processes may have rendered before they noticed the change)."""
    if not enabled():
        return
    purger().purge(tags)
    if again_after:
        timer = threading.Timer(again_after, purger().purge, args=[tags])
        timer.daemon = True
        timer.start()
