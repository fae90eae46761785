"""Records one view: decides whether it counts, then counts it in the database or in Redis.

What counts: one view per visitor per article per KPU_VIEW_WINDOW_MINUTES, on a public article,
within the visitor's and the network's rate limits. Without REDIS_URL each counted view is one
atomic UPDATE; with REDIS_URL it is one Redis round trip (a Lua script), and flush.py writes the
sums to the database at least every KPU_VIEW_FLUSH_SECONDS.
"""

import enum
import logging
import time
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from news.models import Article

from . import store

logger = logging.getLogger(__name__)

RATE_PERIOD = 60  # seconds: the rate limits are per minute


class Outcome(enum.Enum):
    COUNTED = "counted"
    REPEAT = "repeat"  # the same visitor within the window
    LIMITED = "limited"  # over the visitor's or the network's rate limit
    NOT_PUBLIC = "not_public"  # unknown, draft, scheduled or archived
    FLUSH_DUE = "flush_due"  # counted, and this request should flush Redis to the database


def record_view(article_id, visitor):
    if settings.REDIS_URL:
        return record_in_redis(article_id, visitor)
    return record_in_database(article_id, visitor)


def key(*parts):
    return ":".join([settings.VIEWCOUNT_REDIS_PREFIX, *map(str, parts)])


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


# --- With Redis: one script per view; the database sees only the batched sums. ---

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

PUBLIC_TTL = 30  # seconds a worker trusts "this article is public"; the flush re-checks anyway
NOT_PUBLIC_TTL = 5  # a scheduled article starts counting at most 5 s after its time
_public_memo = {}


@lru_cache(maxsize=8)
def redis_client(url):
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


@lru_cache(maxsize=8)
def _record_script(url):
    return redis_client(url).register_script(RECORD_SCRIPT)


def is_public(article_id):
    """Whether the article is public, remembered per worker for a few seconds so the hot path
    makes no database query. A view of an article unpublished meanwhile is dropped at flush."""
    now = time.monotonic()
    memo = _public_memo.get(article_id)
    if memo and memo[1] > now:
        return memo[0]
    public = Article.objects.published().filter(pk=article_id).exists()
    if len(_public_memo) > 50_000:
        _public_memo.clear()
    _public_memo[article_id] = (public, now + (PUBLIC_TTL if public else NOT_PUBLIC_TTL))
    return public


def forget_public_memo():
    _public_memo.clear()


def record_in_redis(article_id, visitor):
    if not is_public(article_id):
        return Outcome.NOT_PUBLIC
    today = timezone.localdate()
    script = _record_script(settings.REDIS_URL)
    result = script(
        keys=[
            key("rate", "visitor", visitor.id),
            key("rate", "network", visitor.network, article_id),
            key("seen", visitor.id, article_id),
            key("pending"),
            key("next-flush"),
        ],
        args=[
            settings.VIEWCOUNT_VISITOR_RATE,
            settings.VIEWCOUNT_NETWORK_RATE,
            settings.VIEWCOUNT_WINDOW_MINUTES * 60,
            f"{today.isoformat()}:{article_id}",
            settings.VIEWCOUNT_FLUSH_SECONDS,
            RATE_PERIOD,
        ],
    )
    return Outcome(result.decode())
