"""Records one view: decides whether it counts, then counts it in the database or in Redis, and
tells the reader the article's current count.

What counts: one view per visitor per article per KPU_VIEW_WINDOW_MINUTES, on a public article,
within the visitor's and the network's limits (per article per network, and per network over all
articles, each per minute). Without REDIS_URL each view is one upsert of the visitor's RecentView
row and, when it counts, one atomic UPDATE; with REDIS_URL it is buffered in the worker (no
round trip of its own: the count it answers with is read once per SHOWN_TTL per article),
pushed to Redis twice a second (buffer.py), and flush.py writes the sums to the database at
least every KPU_VIEW_FLUSH_SECONDS.
"""

import contextlib
import enum
import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import buffer, store
from .buffer import RATE_PERIOD, key


class Outcome(enum.Enum):
    COUNTED = "counted"
    REPEAT = "repeat"  # the same visitor within the window
    LIMITED = "limited"  # over the visitor's or the network's limit
    NOT_PUBLIC = "not_public"  # unknown, draft, scheduled, archived or withdrawn
    BUFFERED = "buffered"  # Redis path: waiting in this worker; Redis and the flush decide if it counts
    AUTOMATED = "automated"  # a crawler, preview or prefetch: answered like a reader, never counted


@dataclass(frozen=True)
class Recorded:
    outcome: Outcome
    views: int | None = None  # the article's count as the reader should now see it


def record_view(article_id, visitor, automated=False):
    """The limits first, on every request (bots' and unknown articles' too), so no flood reaches
    the database unbounded; then the public check; then the count, unless `automated`."""
    if settings.REDIS_URL:
        return record_in_redis(article_id, visitor, automated)
    return record_in_database(article_id, visitor, automated)


def over_limits(limit_check, article_id, visitor):
    """Every limit is checked (and counted) on every request, so a flood cannot skip one."""
    over = [
        limit_check(("visitor", visitor.key), settings.VIEWCOUNT_VISITOR_RATE),
        limit_check(("network", visitor.network, article_id), settings.VIEWCOUNT_NETWORK_RATE),
        limit_check(("network", visitor.network), settings.VIEWCOUNT_NETWORK_TOTAL_RATE),
    ]
    return any(over)


# --- Without Redis: the Django cache counts the limits, the database decides and counts. ---


def cache_over_limit(name, limit):
    cache_key = key("rate", *name)
    cache.add(cache_key, 0, RATE_PERIOD)
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr: a new period begins
        cache.add(cache_key, 1, RATE_PERIOD)
        return False


def record_in_database(article_id, visitor, automated):
    if over_limits(cache_over_limit, article_id, visitor):
        return Recorded(Outcome.LIMITED)
    if automated:
        views = store.public_view_count(article_id)
        return Recorded(Outcome.NOT_PUBLIC) if views is None else Recorded(Outcome.AUTOMATED, views)
    view = store.View(article_id, timezone.localdate(), visitor.key, int(time.time()))
    counted, views = store.count_one_view(view)
    if counted is None:
        return Recorded(Outcome.NOT_PUBLIC)
    return Recorded(Outcome.COUNTED if counted else Outcome.REPEAT, views)


# --- With Redis: the worker buffers, buffer.py pushes to Redis, flush.py writes the database. ---

SHOWN_TTL = 2  # seconds a worker reuses an article's count for its answers: the shown number's age
NOT_PUBLIC_TTL = 5  # a scheduled article starts counting at most 5 s after its time


@dataclass
class CountMemo:
    views: int | None  # None: not public
    until: float
    buffered: int = 0  # first views this worker buffered since: shown at once, before Redis has them

    @property
    def shown(self):
        return self.views + self.buffered


_count_memo = {}


def fresh_memo(article_id):
    """The article's count (stored, plus counted in Redis and not yet flushed), remembered per
    worker for SHOWN_TTL seconds, so the hot path makes one query and one Redis read per article
    every 2 s, not per view. A view of an article unpublished meanwhile is dropped at flush."""
    now = time.monotonic()
    memo = _count_memo.get(article_id)
    if memo and memo.until > now:
        return memo
    stored = store.public_view_count(article_id)
    if stored is not None:
        # Redis away: its views are counted in the database meanwhile (buffer.py).
        with contextlib.suppress(redis.ConnectionError, redis.TimeoutError):
            stored += buffer.unflushed_views(article_id)
    if len(_count_memo) > 50_000:
        _count_memo.clear()
    memo = CountMemo(stored, now + (SHOWN_TTL if stored is not None else NOT_PUBLIC_TTL))
    _count_memo[article_id] = memo
    return memo


class LocalRateLimit:
    """Per-worker counters over a minute from each key's first request, so a flood gets its 429
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
    """Forget what this worker remembers: counts, rate counters, buffered views (tests)."""
    _count_memo.clear()
    local_rate.reset()
    buffer.reset()


def record_in_redis(article_id, visitor, automated):
    if over_limits(local_rate.over, article_id, visitor):
        return Recorded(Outcome.LIMITED)
    memo = fresh_memo(article_id)
    if memo.views is None:
        return Recorded(Outcome.NOT_PUBLIC)
    if automated:
        return Recorded(Outcome.AUTOMATED, memo.shown)
    buffer.buffer.add(
        buffer.BufferedView(
            article_id, visitor.key, visitor.network, timezone.localdate().isoformat(), int(time.time())
        )
    )
    # Only a browser's first beacon is surely a new view; whether a returning browser's is a repeat
    # only Redis knows, after the push, and a reload must not show one more than it counts. Its
    # view shows from the next refresh of the memo (at most SHOWN_TTL seconds).
    if visitor.is_new:
        memo.buffered += 1
    return Recorded(Outcome.BUFFERED, memo.shown)
