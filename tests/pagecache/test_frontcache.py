"""Pages kept in memory in front of Django (pagecache/frontcache.py): answered without running
Django, and never after a change to what they show, whichever process made the change."""

import io
import json
import os
import subprocess
import sys
import time
from wsgiref.util import setup_testing_defaults

import pytest
import redis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Status
from pagecache.changes import channel_for, forget, local_subscription
from pagecache.frontcache import FrontCache
from pagecache.generations import own_key
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"
KEDIRI = "kota-kediri.kpu.go.id"
SLUGS = ["kota-kediri", "prov-jawa-timur", "kota-jayapura", "prov-aceh", "kota-surabaya", "kab-sleman"]


class CountingDjango:
    """Django's WSGI handler, counting the requests that reached it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


class Front:
    def __init__(self):
        self.django = CountingDjango()
        self.app = FrontCache(self.django)

    def get(self, path, host="testserver", method="GET", **headers):
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": host, "wsgi.input": io.BytesIO()}
        if "?" in path:
            environ["PATH_INFO"], environ["QUERY_STRING"] = path.split("?", 1)
        environ.update(headers)
        setup_testing_defaults(environ)
        answer = {}
        before = self.django.calls

        def start_response(status, response_headers, exc_info=None):
            answer.update(status=int(status[:3]), headers=dict(response_headers))

        # As Django's test client does: the test's transaction survives the request signals.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = self.app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        answer.update(text=body.decode(), from_memory=self.django.calls == before)
        return answer


@pytest.fixture
def front(settings):
    redis.Redis.from_url(REDIS_URL).flushdb()
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
    settings.PAGE_CACHE_SECONDS = 60
    settings.FRONT_CACHE_MB = 24
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    forget()
    yield Front()
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_a_second_reader_is_answered_from_memory_with_the_same_page(front):
    article = ArticleFactory(title="Rapat Pleno Rekapitulasi")
    first = front.get(article.get_absolute_url())
    second = front.get(article.get_absolute_url())
    assert not first["from_memory"] and second["from_memory"]
    assert second["status"] == 200 and second["text"] == first["text"]
    assert "Rapat Pleno Rekapitulasi" in second["text"]
    for header in ("Content-Security-Policy", "Cache-Control", "ETag", "X-Content-Type-Options"):
        assert second["headers"][header] == first["headers"][header]
    assert second["headers"]["X-Request-ID"] != first["headers"]["X-Request-ID"]


def test_each_site_and_query_is_its_own_page(front):
    ArticleFactory(title="Berita Kediri", satker=satker("kota-kediri"))
    front.get("/")
    assert not front.get("/", host=KEDIRI)["from_memory"]
    assert not front.get("/berita/?satker=kota-kediri")["from_memory"]
    assert front.get("/", host=KEDIRI)["from_memory"]


def test_publishing_shows_at_once_on_pages_kept_in_memory(front):
    draft = ArticleFactory(title="Segera Terbit", status=Status.DRAFT, satker=satker("kota-kediri"))
    urls = ["/", reverse("news:article_list"), satker("prov-jawa-timur").get_absolute_url(), reverse("news:feed")]
    for url in urls:
        front.get(url)
        assert front.get(url)["from_memory"]
    draft.status = Status.PUBLISHED
    draft.save()
    for url in urls:
        assert "Segera Terbit" in front.get(url)["text"], url
    assert "Segera Terbit" in front.get("/", host=KEDIRI)["text"]


@pytest.mark.parametrize("change", ["edit", "unpublish", "delete"])
def test_editing_or_withdrawing_shows_at_once_on_the_article_page(front, change):
    article = ArticleFactory(title="Judul Awal")
    url = article.get_absolute_url()
    front.get(url)
    assert front.get(url)["from_memory"]
    article = Article.objects.get(pk=article.pk)
    if change == "delete":
        article.delete()
    else:
        article.title = "Judul Perbaikan"
        article.status = Status.PUBLISHED if change == "edit" else Status.DRAFT
        article.save()
    page = front.get(url)
    assert not page["from_memory"]
    if change == "edit":
        assert "<h1>Judul Perbaikan</h1>" in page["text"]
    else:
        assert page["status"] == 404


def test_a_change_announced_by_another_app_server_is_heard(front):
    """Another process changed Kota Kediri: its message alone must stop the page in memory."""
    article = ArticleFactory(title="Sebelum", satker=satker("kota-kediri"))
    url = article.get_absolute_url()
    front.get(url)
    assert front.get(url)["from_memory"]
    Article.objects.filter(pk=article.pk).update(title="Sesudah")  # no signal in this process
    assert front.get(url)["from_memory"]  # nothing announced yet: the page is still current to it
    redis.Redis.from_url(REDIS_URL).publish(
        channel_for(REDIS_URL), json.dumps({"from": "another server", "keys": [own_key(article.satker_id)]})
    )
    page = front.get(url)
    assert not page["from_memory"]


def test_a_change_in_another_satker_keeps_this_page_in_memory(front):
    article = ArticleFactory(satker=satker("kota-jayapura"))
    front.get(article.get_absolute_url())
    ArticleFactory(satker=satker("kota-kediri"))
    assert front.get(article.get_absolute_url())["from_memory"]


def test_a_lost_subscription_stops_answering_from_memory(front):
    """Redis restarted or the connection was killed: changes may have been missed."""
    article = ArticleFactory(title="Sebelum Putus")
    url = article.get_absolute_url()
    front.get(url)
    assert front.get(url)["from_memory"]
    host, port = local_subscription().pubsub.connection._sock.getsockname()
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub", addr=f"{host}:{port}")
    Article.objects.filter(pk=article.pk).update(title="Sesudah Putus")
    redis.Redis.from_url(REDIS_URL).flushdb()  # as after a Redis restart: the page cache is gone too
    page = front.get(url)
    assert not page["from_memory"]
    assert "Sesudah Putus" in page["text"]


def test_editors_and_forms_always_reach_django(front, settings):
    ArticleFactory()
    front.get("/")
    assert not front.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")["from_memory"]
    assert not front.get("/", method="POST")["from_memory"]
    assert front.get("/", HTTP_COOKIE="kpu_pengunjung=abc")["from_memory"]  # a reader's cookie is fine


def test_head_and_conditional_requests_are_answered_from_memory(front):
    ArticleFactory()
    etag = front.get("/")["headers"]["ETag"]
    head = front.get("/", method="HEAD")
    assert head["from_memory"] and head["status"] == 200 and head["text"] == ""
    not_modified = front.get("/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified["from_memory"] and not_modified["status"] == 304 and not_modified["text"] == ""
    assert not_modified["headers"]["ETag"] == etag
    assert front.get("/", HTTP_IF_NONE_MATCH='"lain"')["status"] == 200


def test_errors_redirects_and_search_forms_are_not_kept(front):
    assert front.get("/berita/tidak-ada/artikel-1/")["status"] == 404
    assert not front.get("/berita/tidak-ada/artikel-1/")["from_memory"]
    assert not front.get("/admin/")["from_memory"]
    assert not front.get("/admin/")["from_memory"]


def test_memory_stays_within_its_budget(front, settings):
    settings.FRONT_CACHE_MB = 0.02  # about two listing pages
    front = Front()
    ArticleFactory()
    listings = [f"/berita/?satker={slug}" for slug in SLUGS]
    for url in listings:
        assert front.get(url)["status"] == 200
    assert front.app.size <= 0.02 * 1024 * 1024
    assert 0 < len(front.app.entries) < len(listings)
    assert front.get(listings[-1])["from_memory"]  # the newest is kept
    assert not front.get(listings[0])["from_memory"]  # the oldest made room


def test_without_redis_pages_are_not_kept_in_memory(front, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    front = Front()
    ArticleFactory()
    front.get("/")
    assert not front.get("/")["from_memory"]


def test_front_cache_mb_0_starts_the_site_with_pages_never_kept_in_memory():
    """FRONT_CACHE_MB=0 is documented as "off": the settings load, and the memory stays empty."""
    script = (
        "import django; django.setup();"
        "from django.conf import settings; from kpuportal.wsgi import application as app;"
        "app.configure(); print(settings.FRONT_CACHE_MB, app.enabled)"
    )
    env = {**os.environ, "FRONT_CACHE_MB": "0", "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "kpuportal.settings"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False"]


def test_with_front_cache_mb_0_every_reader_reaches_django(front, settings):
    settings.FRONT_CACHE_MB = 0
    front = Front()  # settings are read on the first request
    article = ArticleFactory(title="Tanpa Memori")
    assert [front.get(article.get_absolute_url())["from_memory"] for _ in range(3)] == [False, False, False]


def test_per_request_headers_of_the_benchmark_are_never_replayed(front, settings):
    settings.FRONT_CACHE_PER_REQUEST_HEADERS = ["X-Bench-Queries"]
    settings.MIDDLEWARE = ["bench.querycount.QueryCountMiddleware", *settings.MIDDLEWARE]
    front = Front()
    article = ArticleFactory(title="Diukur")
    first = front.get(article.get_absolute_url())
    second = front.get(article.get_absolute_url())
    assert "X-Bench-Queries" in first["headers"]
    assert second["from_memory"] and "X-Bench-Queries" not in second["headers"]


def test_with_an_edge_a_page_leaves_memory_when_a_scheduled_article_it_will_list_goes_public(front, settings):
    """The edge keeps the page until the article's time; memory must not outlive it, or the edge
    would fetch the old page from this worker and keep it for hours (pagecache/edge.py)."""
    settings.EDGE_PURGER = "tests.pagecache.test_edge.RecordingPurger"
    due = timezone.now() + timezone.timedelta(seconds=2)
    ArticleFactory(title="Tayang Sebentar Lagi", satker=satker("kota-kediri"), published_at=due)
    front.get("/", host=KEDIRI)
    assert front.get("/", host=KEDIRI)["from_memory"]
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.5)
    page = front.get("/", host=KEDIRI)
    assert not page["from_memory"]
    assert "Tayang Sebentar Lagi" in page["text"]
