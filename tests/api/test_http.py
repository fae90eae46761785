"""Caching headers, conditional GET, CORS, rate limiting and the error shape, endpoint by endpoint."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.api.conftest import REDIS_URL
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("article_list", []),
    ("satker_list", []),
    ("satker_detail", ["kota-kediri"]),
    ("division_list", []),
    ("tag_list", []),
]


@pytest.fixture
def article():
    return ArticleFactory(tags=["pemilu"])


def all_urls(article):
    return [reverse(f"api:{name}", args=args) for name, args in ENDPOINTS] + [
        reverse("api:article_detail", args=[article.pk])
    ]


def test_every_answer_has_cache_control_and_an_etag_and_revalidates_to_304(client, article):
    for url in all_urls(article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=60"
        etag = response["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.content == b""


def test_the_etag_changes_when_the_article_changes(client, article):
    url = reverse("api:article_detail", args=[article.pk])
    etag = client.get(url)["ETag"]
    article.title = "Judul diperbaiki"
    article.save()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["title"] == "Judul diperbaiki"


def test_errors_are_json_with_cache_headers_never_html(client):
    for url, status in [
        (reverse("api:article_detail", args=[424242]), 404),
        ("/api/v1/tidak-ada/", 404),
        ("/api/v1/articles/abc/", 404),
        ("/api/v1/articles/%0A/", 404),
        (reverse("api:satker_detail", args=["tidak-ada"]), 404),
        (reverse("api:article_list") + "?page_size=0", 400),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert response["Content-Type"] == "application/json", url
        assert response.json()["error"]["status"] == status
        assert response.has_header("ETag") and response.has_header("Cache-Control")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_is_writable(client, article, method):
    response = getattr(client, method)(reverse("api:article_detail", args=[article.pk]))
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    article.refresh_from_db()
    assert article.title.startswith("Rapat")


def test_cors_lets_any_site_read(client, article):
    response = client.get(reverse("api:article_list"), headers={"Origin": "https://pemda.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_cors_preflight_allows_get_but_not_writing(client):
    response = client.options(
        reverse("api:article_list"),
        headers={"Origin": "https://pemda.example", "Access-Control-Request-Method": "DELETE"},
    )
    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_the_html_site_gets_no_cors_headers(client, article):
    response = client.get(article.get_absolute_url(), headers={"Origin": "https://pemda.example"})
    assert not response.has_header("Access-Control-Allow-Origin")


@pytest.fixture(params=["locmem", "redis"])
def rate_of_3(request, settings, monkeypatch):
    """Three requests a minute per client, counted in local memory or in Redis (database 9).

    The clock stands still mid-minute: the window is fixed, so requests that straddle a minute
    boundary would be counted in two windows and the test would pass or fail by the wall clock.
    """
    monkeypatch.setattr("api.throttling.time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    if request.param == "redis":
        settings.CACHES = {
            "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "test-api"}
        }
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "3/minute"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_a_client_over_the_rate_gets_429_with_retry_after_and_others_do_not(client, rate_of_3):
    url = reverse("api:satker_list")
    for _ in range(3):
        assert client.get(url, REMOTE_ADDR="198.51.100.1").status_code == 200
    response = client.get(url, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, rate_of_3):
    url = reverse("api:satker_list")
    statuses = [
        client.get(url, REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
