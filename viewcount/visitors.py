"""Who is viewing: a visitor id made by the reader's browser, and the network the view came from.

views.js makes a random 128-bit id with crypto.getRandomValues and sends it with every beacon;
the counter's answer stores it in the first-party cookie `kpu_pengunjung` (path: the counter's
URL only, 30 days), and from then on the cookie wins over the id in the body. The id holds no
address, no User-Agent and nothing derived from them. Two first-time readers behind one carrier
address with the same phone browser get different ids, because each browser draws its own; an id
made by the server would be handed out with the page, which a cache serves to both alike.

The no-JavaScript pixel has no id: it falls back to an HMAC of address and User-Agent with a
salt that changes daily and is never written to the database (readers behind one address with the
same browser are then one visitor: the pixel undercounts; and as the salt changes at midnight
WIB, a pixel reader's refresh across midnight counts again).

The network is what the limits count: an IPv4 address, or the /64 of an IPv6 address (one
household or phone), hashed with the same daily salt. Indonesia's personal data protection law
(UU PDP) is why no IP address is kept anywhere, and why visitor and network are never stored
together.
"""

import hashlib
import hmac
import ipaddress
import math
import re
import secrets
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ops.clientip import client_ip

COOKIE_NAME = "kpu_pengunjung"
COOKIE_MAX_AGE = 30 * 24 * 60 * 60
VISITOR_ID = re.compile(r"^[0-9a-f]{32}$")
IPV6_NETWORK_BITS = 64  # one customer's prefix: a phone or a home gets a whole /64

LOCAL_SALT_SECONDS = 60  # a worker's own salt (the shared cache was away) is given up this soon

_salts = {}  # date -> (salt, until): memoised per process, one cache read per day, not per view


class BadVisitorId(ValueError):
    """The beacon carried a visitor id that views.js never makes."""


@dataclass(frozen=True)
class Visitor:
    key: str  # a hash of the visitor id: what dedupe keys and the database hold
    id: str  # the id itself, set in the cookie when the request came without it
    network: str  # hashed IPv4 address or IPv6 /64: what the per-network limits count
    is_new: bool  # the response must set the cookie


def daily_salt(today=None):
    """A random salt for today, shared through the cache by every worker, forgotten after 2 days."""
    today = today or timezone.localdate()
    salt, until = _salts.get(today, (None, 0))
    if salt is None or time.time() >= until:
        key = f"viewcount:salt:{today.isoformat()}"
        shared = cache.get_or_set(key, salt or secrets.token_hex(16), 2 * 24 * 60 * 60)
        # With the shared cache away, a worker's own salt still recognises its repeat visitors; it
        # asks again a minute later, so that once the cache is back every worker agrees again on
        # visitors and networks (otherwise each worker's caps would apply apart until midnight).
        if shared:
            salt, until = shared, math.inf
        else:
            salt, until = salt or secrets.token_hex(16), time.time() + LOCAL_SALT_SECONDS
        _salts.clear()
        _salts[today] = (salt, until)
    return salt


def _hash(salt, *parts):
    return hmac.new(salt.encode(), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:32]


def visitor_key(visitor_id):
    """What is stored for a visitor: a hash of its id, so the database never holds a cookie value."""
    return hashlib.sha256(visitor_id.encode()).hexdigest()[:32]


def network_of(ip):
    """'203.0.113.7' -> '203.0.113.7'; '2001:db8:1:2:a::1' -> '2001:db8:1:2::/64'. An IPv4 address
    mapped into IPv6 counts as the IPv4 address."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_NETWORK_BITS}", strict=False))
    return str(address)


def identify(request, body_id=None):
    """The visitor of a beacon or pixel request. `body_id` is the id views.js sent (None: the
    pixel, or an old cached views.js). Raises BadVisitorId for an id that is not 32 hex digits."""
    salt = daily_salt()
    ip = client_ip(request) or ""  # behind nginx, KPU_CLIENT_IP_HEADER (ops/clientip.py)
    network = _hash(salt, network_of(ip))
    if body_id is not None and not VISITOR_ID.fullmatch(body_id):
        raise BadVisitorId(body_id[:40])
    cookie = request.COOKIES.get(COOKIE_NAME, "")
    if VISITOR_ID.fullmatch(cookie):
        return Visitor(key=visitor_key(cookie), id=cookie, network=network, is_new=False)
    if body_id:
        return Visitor(key=visitor_key(body_id), id=body_id, network=network, is_new=True)
    fallback = _hash(salt, ip, request.headers.get("User-Agent", "")[:512])
    return Visitor(key=fallback, id="", network=network, is_new=False)


def remember(request, response, visitor):
    """Store the browser's id in the cookie, sent back only to the counter's own URLs (never to
    cacheable pages)."""
    if visitor.is_new:
        response.set_cookie(
            COOKIE_NAME,
            visitor.id,
            max_age=COOKIE_MAX_AGE,
            path=reverse("viewcount:record"),
            secure=request.is_secure(),  # https (behind nginx: SECURE_PROXY_SSL_HEADER)
            httponly=True,
            samesite="Lax",
        )
    return response
