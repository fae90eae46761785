"""popular_articles(): the home page's "Terpopuler 7 hari terakhir"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Status
from news.public.views import popular_articles
from tests.budgets import MOST_VIEWED
from tests.factories import ArticleFactory, satker
from viewcount.models import DailyViews

pytestmark = pytest.mark.django_db


def viewed(article, days_ago, views):
    DailyViews.objects.create(article=article, date=timezone.localdate() - timedelta(days=days_ago), views=views)
    return article


def test_most_viewed_orders_by_views_in_the_last_7_days():
    quiet = viewed(ArticleFactory(title="Sepi"), 1, 5)
    viewed(ArticleFactory(title="Ramai"), 0, 30)
    viewed(quiet, 6, 10)
    assert [(a.title, a.recent_views) for a in popular_articles()] == [("Ramai", 30), ("Sepi", 15)]


def test_views_older_than_the_period_do_not_count():
    old_hit = viewed(ArticleFactory(title="Lama"), 7, 1000)
    recent = viewed(ArticleFactory(title="Baru"), 2, 3)
    assert popular_articles(days=7) == [recent]
    assert popular_articles(days=8) == [old_hit, recent]


def test_an_imported_articles_starting_count_does_not_make_it_popular_this_week():
    viewed(ArticleFactory(title="Impor", view_count=50_000), 10, 1)
    fresh = viewed(ArticleFactory(title="Segar"), 0, 2)
    assert popular_articles() == [fresh]


@pytest.mark.parametrize(
    "changes",
    [{"status": Status.DRAFT}, {"status": Status.ARCHIVED}, {"published_at": timezone.now() + timedelta(days=1)}],
)
def test_articles_the_public_may_not_see_are_never_listed(changes):
    viewed(ArticleFactory(**changes), 0, 999)
    public = viewed(ArticleFactory(), 0, 1)
    assert popular_articles() == [public]


def test_limit_caps_the_list():
    for views in range(1, 8):
        viewed(ArticleFactory(), 0, views)
    assert [a.recent_views for a in popular_articles(limit=5)] == [7, 6, 5, 4, 3]


def test_a_province_sees_its_own_and_its_kab_kota_articles_only():
    kediri = viewed(ArticleFactory(satker=satker("kota-kediri")), 0, 5)
    jatim = satker("kota-kediri").parent
    province = viewed(ArticleFactory(satker=jatim), 0, 3)
    viewed(ArticleFactory(satker=satker("prov-jawa-barat")), 0, 50)
    assert popular_articles(satker=jatim) == [kediri, province]
    assert popular_articles(satker=satker("kota-kediri")) == [kediri]


def test_most_viewed_takes_one_query_satker_included(django_assert_max_num_queries):
    for views in range(1, 4):
        viewed(ArticleFactory(), 0, views)
    with django_assert_max_num_queries(MOST_VIEWED):
        names = [article.satker.name for article in popular_articles()]
    assert len(names) == 3
