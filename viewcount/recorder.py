"""Records one view: decides whether it counts, then counts it in the database or in Redis.

What counts: one view per visitor per article per KPU_VIEW_WINDOW_MINUTES, on a public article,
within the visitor's and the network's rate limits. Without REDIS_URL each counted view is one
atomic UPDATE; with REDIS_URL it is buffered in the worker (no round trip on the reader's request),
pushed to Redis twice a second (buffer.py), and flush.py writes the sums to the database at least
every KPU_VIEW_FLUSH_SECONDS.
"""

import enum
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import buffer, store
from .buffer import key
from .models import counted_articles

RATE_PERIOD = 60  # seconds: the rate limits are per minute


class Outcome(enum.Enum):
    COUNTED = "counted"
    REPEAT = "repeat"  # the same visitor within the window
    LIMITED = "limited"  # over the visitor's or the network's rate limit
    NOT_PUBLIC = "not_public"  # unknown, draft, scheduled or archived
    BUFFERED = "buffered"  # Redis path: waiting in this worker; Redis decides if it counts


def record_view(article_id, visitor):
    if settings.REDIS_URL:
        return record_in_redis(article_id, visitor)
    return record_in_database(article_id, visitor)


# --- Without Redis: the Django cache remembers visitors, the database counts. ---


def _over_limit(cache_key, limit):
    cache.add(cache_key, 0, RATE_PERIOD)
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr: a new period begins
        cache.add(cache_key, 1, RATE_PERIOD)
        return False


def record_in_database(article_id, visitor):
    over_visitor = _over_limit(key("rate", "visitor", visitor.id), settings.VIEWCOUNT_VISITOR_RATE)
    over_network = _over_limit(key("rate", "network", visitor.network, article_id), settings.VIEWCOUNT_NETWORK_RATE)
    if over_visitor or over_network:
        return Outcome.LIMITED
    seen = key("seen", visitor.id, article_id)
    if not cache.add(seen, 1, settings.VIEWCOUNT_WINDOW_MINUTES * 60):
        return Outcome.REPEAT
    if not store.count_one_view(article_id, timezone.localdate()):
        cache.delete(seen)
        return Outcome.NOT_PUBLIC
    return Outcome.COUNTED


# --- With Redis: the worker buffers, buffer.py pushes to Redis, flush.py writes the database. ---

PUBLIC_TTL = 30  # seconds a worker trusts "this article is public"; the flush re-checks anyway
NOT_PUBLIC_TTL = 5  # a scheduled article starts counting at most 5 s after its time
_public_memo = {}


def is_public(article_id):
    """Whether the article is public, remembered per worker for a few seconds so the hot path
    makes no database query. A view of an article unpublished meanwhile is dropped at flush."""
    now = time.monotonic()
    memo = _public_memo.get(article_id)
    if memo and memo[1] > now:
        return memo[0]
    public = counted_articles().published().filter(pk=article_id).exists()
    if len(_public_memo) > 50_000:
        _public_memo.clear()
    _public_memo[article_id] = (public, now + (PUBLIC_TTL if public else NOT_PUBLIC_TTL))
    return public


class LocalRateLimit:
    """Per-worker counters over a minute from each visitor's first request, so a flood gets its 429
    with no Redis round trip. Each worker counts alone; Redis applies the exact limits across
    workers when the views are pushed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.windows = {}  # name -> (start, count)
        self.pruned = time.time()

    def over(self, name, limit):
        now = time.time()
        with self.lock:
            if now - self.pruned >= RATE_PERIOD:  # forget windows that have ended
                self.windows = {n: w for n, w in self.windows.items() if now - w[0] < RATE_PERIOD}
                self.pruned = now
            start, count = self.windows.get(name, (now, 0))
            if now - start >= RATE_PERIOD:
                start, count = now, 0
            self.windows[name] = (start, count + 1)
        return count + 1 > limit


local_rate = LocalRateLimit()


def forget_local_state():
    """Forget what this worker remembers: public articles, rate counters, buffered views (tests)."""
    _public_memo.clear()
    local_rate.reset()
    buffer.reset()


def record_in_redis(article_id, visitor):
    if not is_public(article_id):
        return Outcome.NOT_PUBLIC
    over_visitor = local_rate.over(("visitor", visitor.id), settings.VIEWCOUNT_VISITOR_RATE)
    over_network = local_rate.over(("network", visitor.network, article_id), settings.VIEWCOUNT_NETWORK_RATE)
    if over_visitor or over_network:
        return Outcome.LIMITED
    buffer.buffer.add(buffer.BufferedView(article_id, visitor.id, visitor.network, timezone.localdate().isoformat()))
    return Outcome.BUFFERED
