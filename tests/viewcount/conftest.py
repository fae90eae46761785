import secrets
import uuid

import pytest
import redis
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from viewcount import visitors
from viewcount.recorder import forget_local_state

REDIS_URL = "redis://127.0.0.1:6379/5"
BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)


def midday_in_jakarta():
    """Today at 12:00 WIB: far from midnight, when the no-JavaScript fallback's salt (and with it
    the hashed network the limits count) changes, and the day views are added to turns over."""
    return timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)


@pytest.fixture(autouse=True)
def starting_at_midday():
    """Every test runs from midday WIB, its articles made inside the travel (so they are public
    already): a test that passes at 15:00 also passes when CI runs it at 23:59. The clock ticks, so
    the background pusher and the live server run as usual; today's date keeps cookies' expiry
    in the browser's future."""
    with time_machine.travel(midday_in_jakarta()):
        yield


@pytest.fixture(autouse=True)
def fresh_counter_state(settings):
    """Each test starts on the database path, with no remembered visitors, salts, public articles,
    rate counters or buffered views."""
    settings.REDIS_URL = ""
    cache.clear()
    visitors._salts.clear()
    forget_local_state()
    yield
    cache.clear()
    forget_local_state()


@pytest.fixture
def redis_counter(settings):
    """The Redis path against the real server (database 5), under a prefix of its own, removed after."""
    prefix = f"test:viewcount:{uuid.uuid4().hex}"
    settings.REDIS_URL = REDIS_URL
    settings.VIEWCOUNT_REDIS_PREFIX = prefix
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def view(client, article, ip="203.0.113.7", user_agent=BROWSER_UA, visitor=None, **headers):
    """What views.js sends: POST artikel=<id>&pengunjung=<id>, as a phone browser would. Without
    `visitor`, what an old cached views.js sent: no id, so address and browser stand in."""
    data = {"artikel": article.pk if hasattr(article, "pk") else article}
    if visitor is not None:
        data["pengunjung"] = visitor
    return client.post(
        reverse("viewcount:record"),
        data,
        REMOTE_ADDR=ip,
        headers={"User-Agent": user_agent, "Sec-Fetch-Site": "same-origin", **headers},
    )


def new_visitor():
    """A fresh browser's id, as views.js makes it."""
    return secrets.token_hex(16)
