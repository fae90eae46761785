"""No lost update: N distinct readers at the same moment add exactly N views (PostgreSQL and SQLite;
CI runs the suite on both)."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from news.models import Article
from tests.factories import ArticleFactory
from viewcount.flush import flush_pending
from viewcount.models import DailyViews

from .conftest import BROWSER_UA, view

THREADS = 8
# 2,000 on PostgreSQL (production); SQLite syncs its file on every commit, so 600 keeps CI quick.
VISITORS = 2000 if connection.vendor == "postgresql" else 600


def view_as_visitors(article, numbers):
    client = Client()
    try:
        statuses = []
        for n in numbers:
            client.cookies.clear()  # a distinct reader each time: own address, no cookie yet
            statuses.append(view(client, article, ip=f"10.{n // 250}.{n % 250}.1").status_code)
        return statuses
    finally:
        connection.close()  # each thread has its own database connection


def run_concurrently(article):
    chunks = [range(start, VISITORS, THREADS) for start in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        return [status for statuses in pool.map(lambda c: view_as_visitors(article, c), chunks) for status in statuses]


def in_new_thread(function):
    """Runs function in a thread of its own, with its own database connection (as a worker has)."""

    def run():
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def article(directory, settings, tmp_path):
    """A public article in a database that every thread shares. SQLite's in-memory test database
    uses shared-cache table locks, which fail at once instead of waiting as a database file does;
    so on SQLite the threads work on a file copy of it, as a real SQLite site would."""
    settings.VIEWCOUNT_NETWORK_RATE = VISITORS
    article = ArticleFactory(view_count=500)
    if connection.vendor != "sqlite":
        yield article
        return
    copy = sqlite3.connect(tmp_path / "shared.sqlite3")
    connection.connection.backup(copy)
    copy.close()
    database = connections.settings["default"]
    in_memory, database["NAME"] = database["NAME"], str(tmp_path / "shared.sqlite3")
    try:
        yield article
    finally:
        database["NAME"] = in_memory


def saved_counts(article):
    return in_new_thread(
        lambda: (
            Article.objects.get(pk=article.pk).view_count,
            DailyViews.objects.get(article_id=article.pk).views,
        )
    )


def test_simultaneous_distinct_readers_add_exactly_as_many_views_in_the_database(article):
    statuses = run_concurrently(article)
    assert statuses.count(200) == VISITORS
    assert saved_counts(article) == (500 + VISITORS, VISITORS)


def test_simultaneous_distinct_readers_add_exactly_as_many_views_through_redis(article, redis_counter):
    statuses = run_concurrently(article)
    assert statuses.count(200) == VISITORS
    in_new_thread(flush_pending)
    assert saved_counts(article) == (500 + VISITORS, VISITORS)


def test_the_same_reader_in_8_tabs_at_once_counts_once(article):
    def one_tab(_):
        try:
            return view(Client(), article, ip="203.0.113.50", user_agent=BROWSER_UA).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        assert list(pool.map(one_tab, range(THREADS))) == [200] * THREADS
    assert saved_counts(article) == (501, 1)
