"""Who is viewing: a pseudonymous visitor id and a network id, never a stored IP address.

A returning browser is recognised by a first-party cookie holding a random-looking id. A browser
without the cookie (its first view, or cookies blocked) gets an id hashed from its IP address and
user agent with a random salt that changes every day and is never written to the database; the
cookie then carries that same id, so the first and second view are one visitor. Indonesia's
personal data protection law (UU PDP) is why no raw IP address is kept anywhere.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ops.clientip import client_ip

COOKIE_NAME = "kpu_pengunjung"
COOKIE_MAX_AGE = 30 * 24 * 60 * 60
VISITOR_ID = re.compile(r"^[0-9a-f]{32}$")

_salts = {}  # date -> salt, memoised per process: one cache read per day, not per view


@dataclass(frozen=True)
class Visitor:
    id: str  # the cookie's value: one reader's browser
    network: str  # hashed IP address: rate limits a script that changes cookies
    is_new: bool  # the response must set the cookie


def daily_salt(today=None):
    """A random salt for today, shared through the cache by every worker, forgotten after 2 days."""
    today = today or timezone.localdate()
    salt = _salts.get(today)
    if salt is None:
        salt = cache.get_or_set(f"viewcount:salt:{today.isoformat()}", secrets.token_hex(16), 2 * 24 * 60 * 60)
        # With the shared cache away, a worker's own salt still recognises its repeat visitors.
        salt = salt or secrets.token_hex(16)
        _salts.clear()
        _salts[today] = salt
    return salt


def _hash(salt, *parts):
    return hmac.new(salt.encode(), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:32]


def identify(request):
    salt = daily_salt()
    ip = client_ip(request) or ""  # behind nginx, KPU_CLIENT_IP_HEADER (ops/clientip.py)
    network = _hash(salt, ip)
    cookie = request.COOKIES.get(COOKIE_NAME, "")
    if VISITOR_ID.match(cookie):
        return Visitor(id=cookie, network=network, is_new=False)
    return Visitor(id=_hash(salt, ip, request.headers.get("User-Agent", "")), network=network, is_new=True)


def remember(response, visitor):
    """Set the visitor cookie, sent back only to the counter's own URLs (never to cached pages)."""
    if visitor.is_new:
        response.set_cookie(
            COOKIE_NAME,
            visitor.id,
            max_age=COOKIE_MAX_AGE,
            path=reverse("viewcount:record"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
