"""The Redis path's hot half: each worker buffers counted-view candidates in memory and a
background thread pushes them to Redis every PUSH_SECONDS in one pipeline, so a reader's request
makes no Redis round trip of its own. In Redis a Lua script per view applies the rules that need
every worker's knowledge (one view per visitor per window, the exact limits) and adds the view to
the pending hash that flush.py writes to the database, where the visitor's RecentView row has
the last word (store.py): a view that also reached the database while Redis was away is not
counted twice.
"""

import datetime
import logging
import os
import threading
from dataclasses import dataclass
from functools import lru_cache

import redis
from django.conf import settings
from django.db import connections

from . import store

logger = logging.getLogger(__name__)

PUSH_SECONDS = 0.5  # a crashed worker loses at most this much of its own buffered views
MAX_BUFFERED = 100_000  # Redis unreachable for long: drop the oldest rather than grow without end
RATE_PERIOD = 60  # seconds: the limits are per minute

# KEYS: visitor rate, network+article rate, network rate, seen, pending, next-flush, unflushed.
# ARGV: the three limits, window seconds, pending field, flush seconds, rate period, article id.
RECORD_SCRIPT = """
local function hit(name)
  local n = redis.call('INCR', name)
  if n == 1 then redis.call('EXPIRE', name, ARGV[7]) end
  return n
end
local visitor, article, network = hit(KEYS[1]), hit(KEYS[2]), hit(KEYS[3])
if visitor > tonumber(ARGV[1]) or article > tonumber(ARGV[2]) or network > tonumber(ARGV[3]) then
  return 'limited'
end
if not redis.call('SET', KEYS[4], '1', 'NX', 'EX', ARGV[4]) then return 'repeat' end
redis.call('HINCRBY', KEYS[5], ARGV[5], 1)
redis.call('HINCRBY', KEYS[7], ARGV[8], 1)
if redis.call('SET', KEYS[6], '1', 'NX', 'EX', ARGV[6]) then return 'flush_due' end
return 'counted'
"""


@dataclass(frozen=True)
class BufferedView:
    article_id: int
    visitor: str  # visitor key (visitors.py): never an address
    network: str  # hashed network: kept only in the rate keys, never beside the visitor
    day: str  # ISO date (Asia/Jakarta) of the view
    at: int  # Unix seconds of the view

    @property
    def pending_field(self):
        return f"{self.day}:{self.article_id}:{self.visitor}:{self.at}"


def key(*parts):
    return ":".join([settings.VIEWCOUNT_REDIS_PREFIX, *map(str, parts)])


@lru_cache(maxsize=8)
def redis_client(url):
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


@lru_cache(maxsize=8)
def quick_redis_client(url):
    """For the shown count, read on a reader's request: a Redis that hangs costs 0.2 s, not 2."""
    return redis.Redis.from_url(url, socket_timeout=0.2, socket_connect_timeout=0.2)


def unflushed_views(article_id):
    """Views of the article counted in Redis and not yet written to the database."""
    value = quick_redis_client(settings.REDIS_URL).hget(key("unflushed"), article_id)
    return max(0, int(value or 0))


@lru_cache(maxsize=8)
def _record_script(url):
    return redis_client(url).register_script(RECORD_SCRIPT)


class ViewBuffer:
    def __init__(self):
        self.lock = threading.Lock()
        # One push at a time: whoever flushes (flush_views, a test) first waits for the pusher's
        # push in flight, or its views would reach the pending hash only after the flush took it.
        self.pushing = threading.Lock()
        self.views = []
        self.pusher = None
        self.pusher_pid = None
        self.pushed = threading.Event()  # set after each push of views: lets tests wait for it

    def add(self, view):
        with self.lock:
            if len(self.views) >= MAX_BUFFERED:
                del self.views[: MAX_BUFFERED // 10]
            self.views.append(view)
            # Started lazily in each worker: a thread started before gunicorn forks does not survive it.
            if self.pusher_pid != os.getpid() or not self.pusher.is_alive():
                self.pusher = threading.Thread(target=self.push_forever, name="viewcount-pusher", daemon=True)
                self.pusher_pid = os.getpid()
                self.pusher.start()

    def take(self):
        with self.lock:
            views, self.views = self.views, []
        return views

    def push_forever(self):
        stop = threading.Event()
        while not stop.wait(PUSH_SECONDS):
            try:
                if push_buffered_views():
                    self.pushed.set()
            except Exception:
                logger.exception("Buffered views could not be pushed to Redis; they are lost.")
                self.pushed.set()
            finally:
                connections.close_all()  # this thread's own, if the flush opened one


buffer = ViewBuffer()


def push_buffered_views():
    """Send this worker's buffered views to Redis in one pipeline; flush to the database when the
    interval has passed (the first push after it wins the marker). Returns Redis's verdicts."""
    with buffer.pushing:
        views = buffer.take()
        if not views:
            return []
        script = _record_script(settings.REDIS_URL)
        pipe = redis_client(settings.REDIS_URL).pipeline(transaction=False)
        limits = [
            settings.VIEWCOUNT_VISITOR_RATE,
            settings.VIEWCOUNT_NETWORK_RATE,
            settings.VIEWCOUNT_NETWORK_TOTAL_RATE,
            store.window_seconds(),
        ]
        pending, next_flush, unflushed = key("pending"), key("next-flush"), key("unflushed")
        for view in views:
            script(
                keys=[
                    key("rate", "visitor", view.visitor),
                    key("rate", "network", view.network, view.article_id),
                    key("rate", "network", view.network),
                    key("seen", view.visitor, view.article_id),
                    pending,
                    next_flush,
                    unflushed,
                ],
                args=[*limits, view.pending_field, settings.VIEWCOUNT_FLUSH_SECONDS, RATE_PERIOD, view.article_id],
                client=pipe,
            )
        try:
            verdicts = [verdict.decode() for verdict in pipe.execute()]
        except (redis.ConnectionError, redis.TimeoutError):
            logger.warning("Redis is away: %s buffered views counted straight in the database.", len(views))
            return count_in_database(views)
        if "flush_due" in verdicts:
            from .flush import flush_pending  # noqa: PLC0415  (flush.py imports this module)

            flush_pending(push_first=False)
        return verdicts


def count_in_database(views):
    """Redis away: the views go straight to the database, deduplicated there by each visitor's
    RecentView row, as every flush is; so a reload during the outage, or a view Redis still holds
    from before it, is counted once when Redis returns and its batch is flushed."""
    store.save_views([store.View(v.article_id, datetime.date.fromisoformat(v.day), v.visitor, v.at) for v in views])
    return ["counted_in_database"] * len(views)


def reset():
    """Forget buffered views (tests)."""
    buffer.take()
