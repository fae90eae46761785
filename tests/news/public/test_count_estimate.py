"""The listing's count: exact up to ESTIMATE_FROM rows, PostgreSQL's estimate past it.

The threshold is made small here (5 rows) instead of seeding 10,000 articles. The estimate may
be short or long; the pages must still show the right articles, "next" must be right, and a
page past the real end stays a 404.
"""

import pytest
from django.db import connection
from django.urls import reverse

from news.models import Article
from news.public.pagination import planner_estimate
from tests.budgets import LISTING
from tests.factories import hourly_articles

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row estimates")
sqlite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
TOTAL = 45  # three pages of 20: 20, 20, 5


@pytest.fixture
def articles():
    """TOTAL published articles, one hour apart, newest first by title number; and drafts."""
    hourly_articles(TOTAL, "Berita {n:02d}", start_days_ago=1, drafts=10)
    return [f"Berita {n:02d}" for n in range(TOTAL)]


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr("news.public.pagination.ESTIMATE_FROM", 5)


def listing(client, **params):
    return client.get(reverse("news:article_list"), params)


def titles(response):
    return [article.title for article in response.context["object_list"]]


def test_below_the_threshold_the_count_is_exact(client, articles):
    response = listing(client)
    paginator = response.context["paginator"]
    assert (paginator.count, paginator.is_estimate) == (TOTAL, False)
    assert "45 berita" in response.text


@sqlite_only
def test_sqlite_counts_exactly_past_the_threshold(client, articles, small_threshold):
    paginator = listing(client).context["paginator"]
    assert (paginator.count, paginator.is_estimate) == (TOTAL, False)


@postgres_only
def test_past_the_threshold_the_estimate_is_used_and_said_honestly(client, articles, small_threshold):
    response = listing(client)
    assert response.context["paginator"].is_estimate
    assert "Lebih dari 5 berita" in response.text
    assert f"{TOTAL} berita" not in response.text
    assert titles(response) == articles[:20]


@postgres_only
def test_the_estimate_applies_the_filters_not_the_table_size(articles):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
    # 55 rows in the table, 45 of them public: the estimate follows the filter.
    assert 35 <= planner_estimate(Article.objects.published()) <= TOTAL + 5


@postgres_only
@pytest.mark.parametrize("estimate", [6, 40, 10_000], ids=["short", "close", "long"])
@pytest.mark.parametrize("deferred_join_from", [200, 20], ids=["one-query", "deferred-join"])
def test_every_page_is_right_whatever_the_estimate(
    client, articles, small_threshold, monkeypatch, estimate, deferred_join_from
):
    monkeypatch.setattr("news.public.pagination.planner_estimate", lambda queryset: estimate)
    monkeypatch.setattr("news.public.pagination.DEFERRED_JOIN_FROM", deferred_join_from)
    monkeypatch.setattr("news.public.pagination.ANCHOR_ROWS", 20)
    for page, expected in ((1, articles[:20]), (2, articles[20:40]), (3, articles[40:])):
        response = listing(client, page=page)
        assert titles(response) == expected
        assert response.context["page_obj"].has_next() is (page < 3)
    # Past the real end: a 404 as for any page out of range, however far the estimate reached.
    assert listing(client, page=4).status_code == 404


@postgres_only
def test_the_last_page_found_corrects_the_page_links(client, articles, small_threshold, monkeypatch):
    monkeypatch.setattr("news.public.pagination.planner_estimate", lambda queryset: 10_000)
    first = listing(client)
    assert first.context["paginator"].num_pages == 500
    last = listing(client, page=3)
    assert last.context["paginator"].num_pages == 3
    assert '?page=500"' not in last.text


@postgres_only
def test_pages_stay_capped_when_estimated(client, articles, small_threshold, monkeypatch):
    monkeypatch.setattr("news.public.pagination.planner_estimate", lambda queryset: 10**9)
    paginator = listing(client).context["paginator"]
    assert paginator.num_pages == 10_000
    assert listing(client, page=10_001).status_code == 404


@postgres_only
def test_an_estimated_listing_keeps_the_query_budget(client, articles, small_threshold, django_assert_max_num_queries):
    with django_assert_max_num_queries(LISTING):
        first = listing(client, satker="prov-jawa-timur")
    assert first.context["paginator"].is_estimate
    with django_assert_max_num_queries(LISTING):
        assert titles(listing(client, satker="prov-jawa-timur", page=3)) == articles[40:]
