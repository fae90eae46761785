"""Redis going away mid-run: views keep being counted, in the database; pages keep working; the
views already flushed stay (tested against the running site)."""

import time
import uuid

import pytest
import redis
import requests
from django.core.cache import cache
from django.urls import reverse

from news.models import Article
from tests.ops.conftest import TIMEOUT
from viewcount.flush import flush_pending
from viewcount.recorder import forget_local_state

pytestmark = pytest.mark.django_db(transaction=True)
REDIS_URL = "redis://127.0.0.1:6379/11"
NOBODY_LISTENS = "redis://127.0.0.1:1/11"
BROWSER_UA = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile"


@pytest.fixture
def redis_counter(settings):
    prefix = f"test:hardening:{uuid.uuid4().hex}"
    settings.REDIS_URL, settings.VIEWCOUNT_REDIS_PREFIX = REDIS_URL, prefix
    settings.VIEWCOUNT_FLUSH_SECONDS = 3600  # flushed by the test, not by the first push
    settings.VIEWCOUNT_NETWORK_RATE = 10_000  # every reader here comes from 127.0.0.1
    forget_local_state()
    cache.clear()
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    forget_local_state()
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def view(base, article):
    """One new reader's view, as views.js sends it."""
    return requests.post(
        base + reverse("viewcount:record"),
        data={"artikel": article.pk},
        headers={
            "Sec-Fetch-Site": "same-origin",
            "Cookie": f"kpu_pengunjung={uuid.uuid4().hex}",
            "User-Agent": BROWSER_UA,  # python-requests' own is a bot's, and bots are not counted
        },
        timeout=TIMEOUT,
    )


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_views_are_counted_in_the_database_while_redis_is_away(live_server, world, settings, redis_counter):
    article = world["articles"][0]
    start = Article.objects.get(pk=article.pk).view_count
    count = lambda: Article.objects.get(pk=article.pk).view_count  # noqa: E731

    for _ in range(5):
        assert view(live_server.url, article).status_code == 200
    pending = f"{settings.VIEWCOUNT_REDIS_PREFIX}:pending"
    # The first push also flushes (its interval's marker is new); later ones wait in Redis.
    in_redis = lambda: sum(int(v) for v in redis_counter.hgetall(pending).values())  # noqa: E731
    assert wait_for(lambda: count() + in_redis() == start + 5), (count() - start, in_redis(), redis_counter.keys())
    flush_pending()
    assert count() == start + 5

    settings.REDIS_URL = NOBODY_LISTENS
    for _ in range(7):
        assert view(live_server.url, article).status_code == 200
        assert requests.get(live_server.url + article.get_absolute_url(), timeout=TIMEOUT).status_code == 200
    assert wait_for(lambda: count() == start + 12), f"{count() - start} of 12 views counted"


def test_pages_keep_working_when_the_redis_cache_is_away(live_server, world, settings):
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True  # as kpuportal/settings.py sets it with REDIS_URL
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": NOBODY_LISTENS,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    for path in world["urls"][:12]:
        response = requests.get(live_server.url + path, timeout=TIMEOUT)
        assert response.status_code < 500, path
