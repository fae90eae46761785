"""The Redis path's hot half: each worker buffers counted-view candidates in memory and a
background thread pushes them to Redis every PUSH_SECONDS in one pipeline, so a reader's request
makes no Redis round trip of its own. In Redis a Lua script per view applies the rules that need
every worker's knowledge (one view per visitor per window, the exact rate limits) and adds the
view to the pending hash that flush.py writes to the database.
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

RECORD_SCRIPT = """
local visitor = redis.call('INCR', KEYS[1])
if visitor == 1 then redis.call('EXPIRE', KEYS[1], ARGV[6]) end
local network = redis.call('INCR', KEYS[2])
if network == 1 then redis.call('EXPIRE', KEYS[2], ARGV[6]) end
if visitor > tonumber(ARGV[1]) or network > tonumber(ARGV[2]) then return 'limited' end
if not redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[3]) then return 'repeat' end
redis.call('HINCRBY', KEYS[4], ARGV[4], 1)
if redis.call('SET', KEYS[5], '1', 'NX', 'EX', ARGV[5]) then return 'flush_due' end
return 'counted'
"""


@dataclass(frozen=True)
class BufferedView:
    article_id: int
    visitor: str
    network: str
    day: str  # ISO date (Asia/Jakarta) of the view


def key(*parts):
    return ":".join([settings.VIEWCOUNT_REDIS_PREFIX, *map(str, parts)])


@lru_cache(maxsize=8)
def redis_client(url):
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


@lru_cache(maxsize=8)
def _record_script(url):
    return redis_client(url).register_script(RECORD_SCRIPT)


class ViewBuffer:
    def __init__(self):
        self.lock = threading.Lock()
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
    views = buffer.take()
    if not views:
        return []
    script = _record_script(settings.REDIS_URL)
    pipe = redis_client(settings.REDIS_URL).pipeline(transaction=False)
    limits = [settings.VIEWCOUNT_VISITOR_RATE, settings.VIEWCOUNT_NETWORK_RATE, settings.VIEWCOUNT_WINDOW_MINUTES * 60]
    pending, next_flush = key("pending"), key("next-flush")
    for view in views:
        script(
            keys=[
                key("rate", "visitor", view.visitor),
                key("rate", "network", view.network, view.article_id),
                key("seen", view.visitor, view.article_id),
                pending,
                next_flush,
            ],
            args=[*limits, f"{view.day}:{view.article_id}", settings.VIEWCOUNT_FLUSH_SECONDS, 60],
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
    """Redis away: each visitor's first view of an article in this batch goes straight to the
    database, so none is lost; until Redis returns, a repeat in a later batch counts again."""
    counts = {}
    for view in set(views):
        slot = (view.article_id, datetime.date.fromisoformat(view.day))
        counts[slot] = counts.get(slot, 0) + 1
    store.save_views(counts)
    return ["counted_in_database"] * len(views)


def reset():
    """Forget buffered views (tests)."""
    buffer.take()
