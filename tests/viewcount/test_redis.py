"""The Redis path against the real server: views are buffered in the worker, pushed to Redis,
and reach the database at the flush."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from news.models import Status
from tests.factories import ArticleFactory
from viewcount import store
from viewcount.buffer import buffer, key, push_buffered_views
from viewcount.flush import flush_pending
from viewcount.models import DailyViews
from viewcount.recorder import local_rate

from .conftest import new_visitor, view

pytestmark = pytest.mark.django_db


def views_of(article):
    article.refresh_from_db()
    return article.view_count


@pytest.fixture
def flushed_recently(redis_counter):
    """The interval has not passed: views wait in Redis (as they do between flushes)."""
    redis_counter.set(key("next-flush"), "1", ex=60)
    return redis_counter


def test_a_view_waits_in_redis_until_the_flush(client, flushed_recently):
    article = ArticleFactory(view_count=10)
    assert view(client, article).status_code == 200
    push_buffered_views()
    [field] = flushed_recently.hkeys(key("pending"))
    assert field.decode().startswith(f"{timezone.localdate()}:{article.pk}:")
    assert flushed_recently.hget(key("unflushed"), article.pk) == b"1"
    assert views_of(article) == 10
    call_command("flush_views")
    assert views_of(article) == 11
    assert DailyViews.objects.get(article=article, date=timezone.localdate()).views == 1


def test_the_workers_background_pusher_sends_views_to_redis_by_itself(client, flushed_recently):
    article = ArticleFactory()
    buffer.pushed.clear()
    view(client, article)
    assert buffer.pushed.wait(timeout=5)
    assert flushed_recently.hget(key("unflushed"), article.pk) == b"1"


def test_the_first_push_after_the_interval_flushes_without_a_scheduler(client, flushed_recently):
    article = ArticleFactory()
    view(client, article)
    view(Client(), article, ip="198.51.100.2")
    push_buffered_views()
    assert views_of(article) == 0
    flushed_recently.delete(key("next-flush"))  # the 60-second marker expires
    view(Client(), article, ip="198.51.100.3")
    push_buffered_views()
    assert views_of(article) == 3
    assert flushed_recently.ttl(key("next-flush")) > 0  # and the next interval starts


def test_the_flush_interval_is_configurable(client, redis_counter, settings):
    settings.VIEWCOUNT_FLUSH_SECONDS = 15
    view(client, ArticleFactory())
    push_buffered_views()
    assert 0 < redis_counter.ttl(key("next-flush")) <= 15


def test_a_refresh_within_the_window_is_not_counted_in_redis_either(client, flushed_recently):
    article = ArticleFactory()
    view(client, article)
    view(client, article)
    view(Client(), article)  # cookie blocked: same hashed address and browser
    call_command("flush_views")
    assert views_of(article) == 1


def test_a_reload_shows_no_more_views_than_were_counted(client, flushed_recently):
    article = ArticleFactory(view_count=10)
    assert view(client, article, visitor=new_visitor()).json() == {"views": 11}
    assert view(client, article, visitor=new_visitor()).json() == {"views": 11}  # the cookie wins: a repeat
    call_command("flush_views")
    assert views_of(article) == 11


def test_beacons_for_unknown_articles_count_towards_the_networks_limit(client, settings, flushed_recently):
    settings.VIEWCOUNT_NETWORK_TOTAL_RATE = 3
    statuses = [view(Client(), 987654321 + n, visitor=new_visitor()).status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]


def test_redis_holds_no_ip_address(client, redis_counter):
    view(client, ArticleFactory(), ip="203.0.113.77")
    push_buffered_views()
    keys = b" ".join(redis_counter.scan_iter(f"{key('')}*"))
    assert keys and b"203.0.113.77" not in keys


def test_a_draft_is_refused_on_the_redis_path(client, flushed_recently):
    article = ArticleFactory(status=Status.DRAFT)
    assert view(client, article).status_code == 404
    call_command("flush_views")
    assert views_of(article) == 0


def test_views_of_an_article_unpublished_before_the_flush_are_dropped(client, flushed_recently):
    article = ArticleFactory()
    view(client, article)
    article.status = Status.DRAFT
    article.save()
    result = flush_pending()
    assert (result.views, result.dropped) == (0, 1)
    assert views_of(article) == 0 and not DailyViews.objects.filter(article=article).exists()


def test_a_flood_gets_429_from_the_worker_without_asking_redis(settings, flushed_recently):
    settings.VIEWCOUNT_NETWORK_RATE = 10
    article = ArticleFactory()
    statuses = [
        view(Client(), article, user_agent=f"Mozilla/5.0 Chrome/124.0 build/{n}").status_code for n in range(15)
    ]
    assert statuses.count(429) == 5
    flush_pending()
    assert views_of(article) == 10


def test_redis_holds_the_exact_limit_across_workers(client, settings, flushed_recently):
    settings.VIEWCOUNT_NETWORK_RATE = 10
    article = ArticleFactory()
    for n in range(16):
        if n == 8:
            local_rate.reset()  # the next 8 go to another worker, which has counted none
        client.cookies.clear()
        view(client, article, user_agent=f"Mozilla/5.0 Chrome/124.0 build/{n}")
    flush_pending()
    assert views_of(article) == 10


def test_only_one_flush_runs_at_a_time(client, flushed_recently):
    article = ArticleFactory()
    view(client, article)
    lock = flushed_recently.lock(key("flush-lock"), timeout=30)
    assert lock.acquire(blocking=False)
    try:
        assert flush_pending().locked
        with pytest.raises(CommandError, match="Another flush is running"):
            call_command("flush_views")
    finally:
        lock.release()
    assert views_of(article) == 0
    assert flush_pending().views == 1


def test_a_failed_database_write_gives_the_batch_back_for_the_next_flush(client, flushed_recently, monkeypatch):
    article = ArticleFactory()
    view(client, article)

    def database_down(counts):
        raise RuntimeError("database unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(store, "save_views", database_down)
        with pytest.raises(CommandError, match="stays in Redis"):
            call_command("flush_views")
    view(Client(), article, ip="198.51.100.9")  # counted meanwhile
    assert flush_pending().views == 2
    assert views_of(article) == 2
    assert flush_pending().views == 0  # and never written twice


def test_a_failing_background_flush_never_reaches_the_reader(client, redis_counter, monkeypatch, caplog):
    monkeypatch.setattr(store, "save_views", lambda counts: 1 / 0)
    buffer.pushed.clear()
    assert view(client, ArticleFactory()).status_code == 200
    assert buffer.pushed.wait(timeout=5)
    assert "could not be pushed" in caplog.text
    assert redis_counter.hlen(key("pending")) == 1  # given back for the next flush


@pytest.mark.django_db(transaction=True)  # the push thread must see the article
def test_redis_down_still_answers_and_counts_in_the_database(directory, client, settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:1/5"
    article = ArticleFactory()
    buffer.pushed.clear()
    assert view(client, article).status_code == 200
    assert buffer.pushed.wait(timeout=10)
    assert "Redis is away: 1 buffered views counted straight in the database" in caplog.text
    assert views_of(article) == 1


def test_a_batch_left_by_a_dead_flush_is_written_once_by_the_next(client, flushed_recently):
    article = ArticleFactory()
    view(client, article)
    push_buffered_views()
    flushed_recently.rename(key("pending"), key("flushing"))  # a flush died right after renaming
    view(Client(), article, ip="198.51.100.10")
    assert flush_pending().views == 2
    assert views_of(article) == 2


def test_daily_totals_add_up_across_flushes(flushed_recently):
    article = ArticleFactory()
    for n in range(3):
        view(Client(), article, ip=f"198.51.100.{n}")
        flush_pending()
    assert DailyViews.objects.get(article=article).views == 3
    assert views_of(article) == 3


def test_flush_views_without_redis_says_there_is_nothing_to_flush(capsys):
    call_command("flush_views")
    assert "REDIS_URL is not set" in capsys.readouterr().out
