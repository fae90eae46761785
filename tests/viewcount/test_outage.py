"""Redis goes away mid-run and comes back: every reader's view is counted exactly once, whether it
reached the database through the fallback, through the flush, or both. Meant for PostgreSQL
(DATABASE_URL=postgres://...); runs on SQLite too."""

import pytest
from django.test import Client

from news.models import Article
from tests.factories import ArticleFactory
from viewcount.buffer import buffer, push_buffered_views
from viewcount.flush import flush_pending

from .conftest import new_visitor, view

pytestmark = pytest.mark.django_db(transaction=True)  # the pusher thread must see the article
NOBODY_LISTENS = "redis://127.0.0.1:1/5"  # a closed port: what a stopped Redis looks like


def settle():
    """Every buffered view pushed (to Redis, or into the database while it is away): a push waits
    for the background pusher's push in flight, so nothing is still on its way after this."""
    push_buffered_views()
    assert not buffer.views


class Reader:
    """One browser behind a carrier address: as views.js, a new id with every page; the first one
    answered stays in its cookie and wins from then on."""

    def __init__(self):
        self.client = Client()

    def opens(self, article):
        response = view(self.client, article, ip="198.51.100.1", visitor=new_visitor())
        assert response.status_code == 200, response.content
        return response


def test_redis_stopped_mid_run_then_back_counts_every_view_exactly_once(directory, redis_counter, settings):
    settings.VIEWCOUNT_FLUSH_SECONDS = 3600  # flushed by the test only
    real_redis = settings.REDIS_URL
    article = ArticleFactory(view_count=100)
    before, during, after = ([Reader() for _ in range(n)] for n in (10, 5, 5))

    for reader in before:  # counted in Redis, not flushed yet
        reader.opens(article)
    settle()

    settings.REDIS_URL = NOBODY_LISTENS  # Redis stops
    for reader in before + during:  # reloads of views Redis holds, and new readers
        reader.opens(article)
        reader.opens(article)
    settle()
    assert Article.objects.get(pk=article.pk).view_count == 100 + 10 + 5  # counted in the database meanwhile

    settings.REDIS_URL = real_redis  # Redis is back, with the views it held
    for reader in before + during + after:
        reader.opens(article)
    settle()
    flush_pending()

    assert Article.objects.get(pk=article.pk).view_count == 100 + 20
    assert flush_pending().views == 0  # and nothing left to count twice later
