"""Two gunicorn servers on one PostgreSQL and one Redis agree: sessions, logins, the page cache,
the lock-out counter and view counts. The site grows by adding app servers."""

import re
import secrets
import time

import pytest
import redis
import requests
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from news.models import Article
from satker.models import Role
from tests.factories import PASSWORD, ArticleFactory, staff_user
from tests.servers.apps import app_servers, share_cache

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="servers share a PostgreSQL database"),
]
REDIS_URL = "redis://127.0.0.1:6379/13"
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"


@pytest.fixture
def servers(directory, settings, tmp_path):
    share_cache(settings, REDIS_URL)
    with app_servers(REDIS_URL, tmp_path / "static") as started:
        yield [server.url for server in started]
    redis.Redis.from_url(REDIS_URL).flushdb()


def login(url, username, password):
    """Log in through the admin form on one server; returns the cookies (sent explicitly: they
    are Secure, and these servers speak plain HTTP on loopback)."""
    page = requests.get(url + reverse("admin:login"), timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = requests.post(
        url + reverse("admin:login"),
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        cookies=page.cookies.get_dict(),
        allow_redirects=False,
        timeout=10,
    )
    return response, {**page.cookies.get_dict(), **response.cookies.get_dict()}


def test_a_login_on_one_server_is_valid_on_the_other(servers):
    a, b = servers
    staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    response, cookies = login(a, "editor-kediri", PASSWORD)
    assert response.status_code == 302
    page = requests.get(b + reverse("admin:news_article_changelist"), cookies=cookies, timeout=10)
    assert page.status_code == 200
    assert "editor-kediri" in page.text


def test_publishing_shows_on_both_servers_at_once(servers):
    article = ArticleFactory(title="Sudah Ada")
    pages = ["/", article.get_absolute_url()]
    for url in servers:
        for page in pages * 2:  # the second time from the worker's memory (pagecache/frontcache.py)
            assert "Sudah Ada" in requests.get(url + page, timeout=10).text
    ArticleFactory(title="Baru Saja Terbit")
    article.title = "Sudah Ada, Diperbaiki"
    article.save()
    for url in servers:
        assert "Baru Saja Terbit" in requests.get(url + "/", timeout=10).text
        assert "Sudah Ada, Diperbaiki" in requests.get(url + article.get_absolute_url(), timeout=10).text


def test_failed_logins_on_both_servers_count_towards_one_lock_out(servers):
    a, b = servers
    staff_user("operator", "kota-kediri", Role.EDITOR)
    for attempt in range(4):
        response, _cookies = login(servers[attempt % 2], "operator", "salah-sandi-123")
        assert response.status_code == 200  # the form again, with an error
    response, _cookies = login(a, "operator", "salah-sandi-123")
    assert response.status_code == 429  # the fifth failure, counted across both servers, locks
    for url in (a, b):
        response, _cookies = login(url, "operator", PASSWORD)
        assert response.status_code == 429


def test_views_counted_on_both_servers_add_up(servers):
    article = ArticleFactory()
    for reader in range(20):
        url = servers[reader % 2]
        response = requests.post(
            url + reverse("viewcount:record"),
            data={"artikel": article.pk},
            cookies={"kpu_pengunjung": secrets.token_hex(16)},
            headers={"User-Agent": BROWSER},  # requests' own agent is a bot, rightly not counted
            timeout=10,
        )
        assert response.status_code == 200  # the beacon answers {"views": N}
    time.sleep(1.5)  # each worker pushes its buffer to Redis twice a second
    call_command("flush_views")
    article = Article.objects.get(pk=article.pk)
    assert article.view_count == 20
