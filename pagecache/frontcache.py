"""Public pages answered from this process's memory, before Django runs.

On election day the whole country opens the same few pages. A page the page cache
(pagecache/pages.py) would serve is also kept here, whole (status, headers, body), with the
generation keys it depends on. The next reader of the same host and path gets it without
middleware, URL resolution or a Redis round trip: about the cost of returning fixed bytes.

It is never stale: before answering, the process reads the change announcements that reached
it (pagecache/changes.py); a page is answered from memory only if none of its keys moved since it
was rendered, and only while the subscription is live. Everything else goes to Django as
before: editors (a session cookie), anything but GET and HEAD, pages that set a cookie or vary
on more than the host. Kept at most PAGE_CACHE_SECONDS, like the page cache, so view counts
show within that time, and never past the time its page stops being right (a scheduled article
goes public, pagecache/edge.py); at most FRONT_CACHE_MB per process.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.utils.http import parse_etags

from ops.requestlog import REQUEST_ID_HEADER, log_fields, request_id_from
from pagecache.changes import local_subscription, redis_location

DEPENDS_ON = "kpuportal.front_cache.depends_on"  # environ key pagecache/pages.py sets on a storable page
EXPIRES_AT = "kpuportal.front_cache.expires_at"  # and until when (epoch seconds) the page is right
NOT_MODIFIED_DROPS = {"content-type", "content-length", "content-language"}
VARY_IGNORED = {"host", "accept-language"}  # the host is in the key; the site speaks one language


@dataclass
class Entry:
    status: str
    headers: list
    body: bytes
    etag: str
    depends_on: tuple
    epoch: int
    sequence: int
    expires: float
    size: int = 0


def is_cacheable_request(environ, session_cookie):
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return False
    return session_cookie not in environ.get("HTTP_COOKIE", "") and "HTTP_AUTHORIZATION" not in environ


def entry_key(environ):
    # The scheme is in the key: behind a proxy, plain HTTP is redirected, HTTPS is not.
    return (
        environ.get("HTTP_HOST", ""),
        environ.get("HTTP_X_FORWARDED_PROTO", environ["wsgi.url_scheme"]),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )


def storable_headers(headers, per_request):
    """The headers to keep, or None when the response must not be shared."""
    kept = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == "set-cookie":
            return None
        if lowered == "vary" and {v.strip().lower() for v in value.split(",")} - VARY_IGNORED:
            return None
        if lowered not in per_request:
            kept.append((name, value))
    return kept


def etag_matches(environ, etag):
    offered = environ.get("HTTP_IF_NONE_MATCH")
    if not offered or not etag:
        return False
    if offered.strip() == "*":
        return True
    strip_weak = lambda tag: tag.removeprefix("W/")  # noqa: E731  (If-None-Match compares weakly)
    return strip_weak(etag) in {strip_weak(tag) for tag in parse_etags(offered)}


class FrontCache:
    """WSGI middleware around Django (kpuportal/wsgi.py)."""

    def __init__(self, app):
        self.app = app
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.configured = False

    def configure(self):
        """Settings are read once, on the first request: this runs on every request."""
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.budget = settings.FRONT_CACHE_MB * 1024 * 1024
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="
        self.per_request = {name.lower() for name in [REQUEST_ID_HEADER, *settings.FRONT_CACHE_PER_REQUEST_HEADERS]}
        self.subscription = local_subscription()
        self.enabled = self.seconds > 0 and self.budget > 0 and redis_location() is not None
        self.configured = True

    def __call__(self, environ, start_response):
        if not self.configured:
            self.configure()
        if not self.enabled or not is_cacheable_request(environ, self.session_cookie):
            return self.app(environ, start_response)
        subscription = self.subscription
        now = subscription.current()
        if now is None:
            return self.app(environ, start_response)
        key = entry_key(environ)
        entry = self.entries.get(key)
        if entry is not None and self.fresh(entry, subscription):
            return self.answer(key, entry, environ, start_response)
        return self.render(key, now, environ, start_response, subscription)

    def fresh(self, entry, subscription):
        return time.monotonic() < entry.expires and subscription.unchanged_since(
            entry.epoch, entry.sequence, entry.depends_on
        )

    def answer(self, key, entry, environ, start_response):
        started = time.monotonic()
        request_id = request_id_from(environ)
        with self.lock:
            if entry.etag and etag_matches(environ, entry.etag):
                status, body = "304 Not Modified", b""
                headers = [(n, v) for n, v in entry.headers if n.lower() not in NOT_MODIFIED_DROPS]
            else:
                status, headers = entry.status, list(entry.headers)
                body = b"" if environ["REQUEST_METHOD"] == "HEAD" else entry.body
            if key in self.entries:
                self.entries.move_to_end(key)
        headers.append((REQUEST_ID_HEADER, request_id))
        start_response(status, headers)
        log_fields(request_id, environ, int(status[:3]), started)
        return [body]

    def render(self, key, now, environ, start_response, subscription):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        depends_on = environ.get(DEPENDS_ON)
        status = captured.get("status", "")
        if depends_on is None or environ["REQUEST_METHOD"] != "GET" or not status.startswith("200"):
            return result
        headers = storable_headers(captured["headers"], self.per_request)
        if headers is None:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: connections are returned
        epoch, sequence = now
        # A change announced while this page was rendered may not be in it: then it is not kept.
        if subscription.current() is not None and subscription.unchanged_since(epoch, sequence, depends_on):
            etag = next((v for n, v in headers if n.lower() == "etag"), "")
            expires = time.monotonic() + self.seconds
            if (right_until := environ.get(EXPIRES_AT)) is not None:  # a scheduled article's time
                expires = min(expires, time.monotonic() + right_until - time.time())
            self.keep(key, Entry(status, headers, body, etag, tuple(depends_on), epoch, sequence, expires))
        return [body]

    def keep(self, key, entry):
        size = len(entry.body) + sum(len(n) + len(v) for n, v in entry.headers)
        if size > self.budget:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old.size
            entry.size = size
            self.entries[key] = entry
            self.size += size
            while self.size > self.budget:
                _, evicted = self.entries.popitem(last=False)
                self.size -= evicted.size
