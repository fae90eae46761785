"""Moves the view counts batched in Redis into the database, with no scheduler.

The first push of views after KPU_VIEW_FLUSH_SECONDS flushes (buffer.py), and
`manage.py flush_views` flushes on demand; a Redis lock lets only one flush run at a time.
The pending hash is renamed before it is read, so views counted during a flush go to the next
batch, and deleted before it is written, so a batch is never written twice. If the database
write fails, the batch goes back to the pending hash for the next flush; if the process dies
between reading and committing, that one batch is lost: "a crash loses at most one interval's
counts".
"""

import datetime
import logging
from dataclasses import dataclass

import redis
from django.conf import settings

from . import store
from .buffer import key, push_buffered_views, redis_client

logger = logging.getLogger(__name__)

LOCK_TIMEOUT = 120  # seconds; a flush that dies holding the lock blocks the next one at most this long


@dataclass
class FlushResult:
    views: int = 0  # saved to the database
    dropped: int = 0  # not public any more, already counted in the database (Redis was away), or malformed
    locked: bool = False  # another flush was running; nothing done


def parse_batch(raw):
    """{b"2026-11-29:42:<visitor>:<unix time>": b"1"} -> [View(42, date(2026, 11, 29), ...)].
    A field without visitor and time (written before visitors were kept) counts as it is;
    malformed entries are skipped. Returns (views, malformed)."""
    views, malformed = [], 0
    for field, value in raw.items():
        try:
            day, article_id, *visitor_at = field.decode().split(":")
            visitor, at = visitor_at or (None, 0)
            views.append(store.View(int(article_id), datetime.date.fromisoformat(day), visitor, int(at), int(value)))
        except ValueError:
            malformed += int(value) if value.isdigit() else 1
    return views, malformed


def forget_unflushed(client, views):
    """The batch is in the database now (or dropped): stop adding it to the shown count."""
    per_article = {}
    for view in views:
        per_article[view.article_id] = per_article.get(view.article_id, 0) + view.views
    pipe = client.pipeline(transaction=False)
    for article_id, views_read in per_article.items():
        pipe.hincrby(key("unflushed"), article_id, -views_read)
    pipe.execute()


def give_back(client, pending, raw):
    """The database write failed: return the batch to the pending hash for the next flush."""
    pipe = client.pipeline(transaction=False)
    for field, value in raw.items():
        pipe.hincrby(pending, field, int(value))
    pipe.execute()


def flush_pending(push_first=True):
    """Write every batched count to the database, this worker's buffered views included.
    Returns a FlushResult."""
    if push_first:
        push_buffered_views()
    client = redis_client(settings.REDIS_URL)
    lock = client.lock(key("flush-lock"), timeout=LOCK_TIMEOUT, blocking=False)
    if not lock.acquire():
        return FlushResult(locked=True)
    result = FlushResult()
    pending, flushing = key("pending"), key("flushing")
    try:
        # Twice: a batch a dead flush left behind first, then the views pending now.
        for _ in range(2):
            if not client.exists(flushing):
                try:
                    client.renamenx(pending, flushing)
                except redis.ResponseError:  # no pending views
                    break
            raw = client.hgetall(flushing)
            client.delete(flushing)  # before writing: a batch is never written twice
            views, malformed = parse_batch(raw)
            try:
                saved = store.save_views(views)
            except Exception:
                give_back(client, pending, raw)
                raise
            forget_unflushed(client, views)
            result.views += saved
            result.dropped += sum(view.views for view in views) - saved + malformed
        store.delete_expired_recent_views()
    finally:
        try:
            lock.release()
        except redis.exceptions.LockError:
            logger.warning("View flush outlived its %s s lock.", LOCK_TIMEOUT)
    return result
