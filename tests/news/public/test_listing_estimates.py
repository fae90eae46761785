"""PostgreSQL's row estimates for filtered listings follow the data (news/public/pagination.py sizes an
estimated listing's page links from them): a province's count, a common tag's count.

A province is filtered by its units' ids as values and a tag by its id as a value, so the
planner reads its statistics for those values. As subqueries (satker ids, tag slug) it guessed:
~176,000 for every province of the 1M-article benchmark, ~700 for a tag on half of them.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from news.models import Article, Status, Tag, TaggedArticle
from news.public.filters import tagged
from news.public.pagination import planner_estimate
from satker.directory_cache import children_of
from satker.models import Satker
from tests.factories import satker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row estimates"),
]

PER_UNIT = 20


def within_twice(estimate, real):
    return real / 2 <= estimate <= real * 2


@pytest.fixture
def articles_everywhere():
    """PER_UNIT public articles in every satker, then fresh statistics."""
    base = timezone.now() - timedelta(days=1)
    Article.objects.bulk_create(
        Article(
            satker=unit,
            title=f"Berita {unit.slug} {n}",
            slug=f"berita-{n}",
            status=Status.PUBLISHED,
            published_at=base - timedelta(minutes=n),
        )
        for unit in Satker.objects.all()
        for n in range(PER_UNIT)
    )
    analyze()


def analyze():
    # The article tables only, as bench/seed.py after its bulk load: the estimates must not
    # depend on statistics of the small satker and tag tables, which nobody may have analyzed.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article, news_taggedarticle")


def test_a_provinces_estimated_count_is_close_to_its_real_count(articles_everywhere):
    jatim = satker("prov-jawa-timur")
    real = PER_UNIT * (1 + len(children_of(jatim)))
    articles = Article.objects.published().for_satker(jatim)
    assert articles.count() == real
    assert within_twice(planner_estimate(articles), real)


def test_a_common_tags_estimated_count_is_close_to_its_real_count(articles_everywhere):
    common, rare = Tag.objects.create(name="pemilihan", slug="pemilihan"), Tag.objects.create(name="tps", slug="tps")
    ids = list(Article.objects.values_list("pk", flat=True))
    TaggedArticle.objects.bulk_create(
        [TaggedArticle(tag=common, content_object_id=pk) for pk in ids[::2]]
        + [TaggedArticle(tag=rare, content_object_id=pk) for pk in ids[:30]]
    )
    analyze()
    articles = tagged(Article.objects.published(), "pemilihan")
    assert articles.count() == len(ids[::2])
    assert within_twice(planner_estimate(articles), len(ids[::2]))
