"""Every app server hears at once which generations moved (pagecache/generations.py), without asking
Redis on every request.

A change announces the generation keys it moved on a Redis pub/sub channel. Each process keeps
one subscription and reads what arrived before it trusts anything in its memory: reading a
socket that has nothing waiting is a system call, not a round trip to Redis. Each message
raises a local sequence number and records, per key, the sequence at which it last changed;
something remembered at sequence S is still current if none of its keys changed after S.

When the subscription breaks (Redis restarted, connection killed), nothing in memory is
trusted until a new subscription is confirmed, which starts a new epoch.
"""

import contextlib
import json
import logging
import os
import select
import threading
import time

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0  # a lost subscription is tried again at most this often
HEALTH_CHECK_SECONDS = 5  # redis-py pings an idle subscription this often, so a dead one shows


def redis_location():
    """The Redis URL of the shared cache, or None when the cache is not Redis (dev, most tests)."""
    cache = settings.CACHES["default"]
    if cache["BACKEND"] != "django_redis.cache.RedisCache":
        return None
    return cache["LOCATION"]


def channel_for(location):
    # Pub/sub channels are not per database: name the database, so two sites on one Redis
    # (or parallel test runs) do not invalidate each other's pages.
    db = redis.connection.parse_url(location).get("db", 0)
    return f"kpuportal:changes:db{db}"


def announce(keys):
    """Tell every process that these generation keys moved. Best effort: when Redis is away,
    no subscription is live either, so no process trusts its memory."""
    keys = sorted(keys)
    subscription = local_subscription()
    subscription.note(keys)
    location = redis_location()
    if location is None:
        return
    from django_redis import get_redis_connection  # only when the cache is Redis

    try:
        message = json.dumps({"from": subscription.origin(), "keys": keys})
        get_redis_connection("default").publish(channel_for(location), message)
    except (redis.RedisError, OSError):
        logger.warning("could not announce changed generations %s", keys)


class Subscription:
    """This process's view of which generation keys changed, and when."""

    def __init__(self, location):
        self.location = location
        self.lock = threading.Lock()
        self.pubsub = None
        self.pid = None
        self.epoch = 0
        self.sequence = 0
        self.changed_at = {}
        self.retry_at = 0.0
        self.check_health_at = 0.0
        self.poller = None

    def current(self):
        """(epoch, sequence) after reading every message that has arrived, or None when this
        process cannot know what changed (no live subscription)."""
        with self.lock:
            if self.pubsub is None or self.pid != os.getpid():
                self._subscribe()
            if self.pubsub is None:
                return None
            if not self._waiting() and time.monotonic() < self.check_health_at:
                return self.epoch, self.sequence
            self.check_health_at = time.monotonic() + HEALTH_CHECK_SECONDS
            try:
                while (message := self.pubsub.get_message(timeout=0)) is not None:
                    self._apply(message)
            except (redis.RedisError, OSError, ValueError):
                logger.warning("lost the change subscription; not serving pages from memory")
                self._drop()
                return None
            return self.epoch, self.sequence

    def _waiting(self):
        """Has anything (a message, or the connection closing) arrived? A poll, no round trip.
        The loop in current() reads until nothing is left, so redis-py holds nothing unread."""
        return bool(self.poller.poll(0))

    def unchanged_since(self, epoch, sequence, keys):
        return (
            epoch == self.epoch
            and self.pubsub is not None
            and all(self.changed_at.get(key, 0) <= sequence for key in keys)
        )

    def note(self, keys):
        """Changes made by this process count at once, before their message comes back."""
        with self.lock:
            self.sequence += 1
            for key in keys:
                self.changed_at[key] = self.sequence

    def origin(self):
        """This process, in its own messages: they were noted when sent, and their echo is
        skipped (counting it again would only forget pages rendered after the change)."""
        return f"{os.getpid()}:{id(self)}"

    def _apply(self, message):
        if message["type"] == "message":
            change = json.loads(message["data"])
            if change.get("from") == self.origin():
                return
            keys = change["keys"]
            self.sequence += 1
            for key in keys:
                self.changed_at[key] = self.sequence
        elif message["type"] in ("unsubscribe", "punsubscribe"):
            raise ValueError("unsubscribed")

    def _subscribe(self):
        self._drop()
        if self.location is None or time.monotonic() < self.retry_at:
            return
        self.retry_at = time.monotonic() + RETRY_SECONDS
        client = redis.Redis.from_url(
            self.location,
            socket_timeout=0.5,
            socket_connect_timeout=0.5,
            socket_keepalive=True,
            health_check_interval=HEALTH_CHECK_SECONDS,
        )
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(channel_for(self.location))
            confirmation = pubsub.get_message(timeout=0.5)
        except (redis.RedisError, OSError):
            pubsub.close()
            return
        if not confirmation or confirmation["type"] != "subscribe":
            pubsub.close()
            return
        # Messages sent before this point were missed: everything remembered is now unknown.
        self.pubsub, self.pid = pubsub, os.getpid()
        self.poller = select.poll()
        self.poller.register(pubsub.connection._sock, select.POLLIN | select.POLLERR | select.POLLHUP)
        self.epoch += 1
        self.changed_at.clear()

    def _drop(self):
        if self.pubsub is not None and self.pid == os.getpid():
            with contextlib.suppress(redis.RedisError, OSError):
                self.pubsub.close()
        self.pubsub = None  # after fork the parent's connection is never used


_subscriptions = {}


def local_subscription():
    """The subscription of this process for the configured Redis (one per location)."""
    location = redis_location()
    if location not in _subscriptions:
        _subscriptions[location] = Subscription(location)
    return _subscriptions[location]


def forget():
    """Start afresh (tests): the next request subscribes again, without waiting for a retry."""
    for subscription in _subscriptions.values():
        subscription._drop()
    _subscriptions.clear()
