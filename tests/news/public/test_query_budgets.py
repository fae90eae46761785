"""Public pages keep their query budgets however rich the data: articles with 30 tags, 10 gallery
images and every division, news shared down from KPU RI and the province, and deep pages.

A million articles multiply rows, never queries: each page's count is fixed by its code, and
these tests fail if a template or view starts querying per card, per tag or per image.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article, ArticleImage, Division, Kind
from news.public.pagination import DEFERRED_JOIN_FROM
from satker.directory_cache import directory
from tests.budgets import ARTICLE_PAGE, FEED, HOME, LISTING, SATKER_PAGE
from tests.factories import ArticleFactory, hourly_articles, satker

pytestmark = pytest.mark.django_db

TAGS = [f"tag-uji-{n}" for n in range(30)]
KEDIRI_HOST = "kota-kediri.kpu.go.id"


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


def rich_article(slug, **fields):
    article = ArticleFactory(satker=satker(slug), divisions=list(Division.objects.all()), tags=TAGS, **fields)
    # Gallery rows without files: the pages read names and sizes, never the files.
    ArticleImage.objects.bulk_create(
        ArticleImage(article=article, image=f"galeri/uji/{article.pk}-{n}.jpg", width=1200, height=800, alt_text="Foto")
        for n in range(10)
    )
    return article


@pytest.fixture
def rich_news():
    """Rich articles in Kota Kediri, shared-down news above it, and enough plain ones for deep pages.
    The rich ones share one publication time, so they fall in one year and month whenever this runs."""
    moment = timezone.now() - timedelta(hours=1)
    articles = [rich_article("kota-kediri", kind=Kind.NEWS, published_at=moment) for _ in range(22)]
    articles.append(rich_article("ri", title="Berita KPU RI untuk semua", share_down=True, published_at=moment))
    articles.append(
        rich_article("prov-jawa-timur", title="Berita Jawa Timur untuk kab/kota", share_down=True, published_at=moment)
    )
    hourly_articles(DEFERRED_JOIN_FROM + 40, "Berita lama {n}", start_days_ago=2)
    return articles


def test_home_keeps_its_budget_on_the_portal_and_a_satker_site(client, rich_news, django_assert_max_num_queries):
    with django_assert_max_num_queries(HOME):
        portal = client.get(reverse("home"))
    with django_assert_max_num_queries(HOME):
        site = client.get(reverse("home"), HTTP_HOST=KEDIRI_HOST)
    assert portal.status_code == site.status_code == 200
    assert "Berita KPU RI untuk semua" in site.text and "Berita Jawa Timur untuk kab/kota" in site.text


def test_listing_with_every_filter_keeps_its_budget(client, rich_news, django_assert_max_num_queries):
    published = timezone.localtime(rich_news[0].published_at)  # the listing's year and month are WIB's
    params = {
        "satker": "prov-jawa-timur",
        "divisi": Division.objects.first().slug,
        "tag": TAGS[7],
        "jenis": Kind.NEWS,
        "tahun": published.year,
        "bulan": published.month,
        "q": "rapat",
    }
    directory()  # loaded once per process in production; its reload is not the listing's cost
    with django_assert_max_num_queries(LISTING):
        response = client.get(reverse("news:article_list"), params)
    assert response.status_code == 200
    listed = {article.pk for article in response.context["object_list"]}
    assert len(listed) == 20 and listed <= {article.pk for article in rich_news}


def test_province_and_kabupaten_listings_keep_their_budget(client, rich_news, django_assert_max_num_queries):
    rich = {article.pk for article in rich_news}
    for slug in ("prov-jawa-timur", "kota-kediri"):
        with django_assert_max_num_queries(LISTING):
            response = client.get(reverse("news:article_list"), {"satker": slug})
        listed = {article.pk for article in response.context["object_list"]}
        assert len(listed) == 20 and listed <= rich  # the newest: the rich articles
    with django_assert_max_num_queries(LISTING):
        site = client.get(reverse("news:article_list"), HTTP_HOST=KEDIRI_HOST)
    assert "Berita KPU RI untuk semua" in site.text


def test_a_deep_page_keeps_its_budget_and_shows_the_right_articles(client, rich_news, django_assert_max_num_queries):
    expected = list(Article.objects.published().values_list("title", flat=True)[DEFERRED_JOIN_FROM:][:20])
    page = DEFERRED_JOIN_FROM // 20 + 1
    with django_assert_max_num_queries(LISTING):
        response = client.get(reverse("news:article_list"), {"page": page})
    assert [article.title for article in response.context["object_list"]] == expected
    assert len(expected) == 20


def test_rich_article_keeps_its_budget(client, rich_news, django_assert_max_num_queries):
    article = rich_news[0]
    with django_assert_max_num_queries(ARTICLE_PAGE):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.text.count("galeri/uji/") >= 10
    assert TAGS[29] in response.text


def test_feeds_keep_their_budget(client, rich_news, django_assert_max_num_queries):
    for url in (reverse("news:feed"), reverse("news:satker_feed", args=["prov-jawa-timur"])):
        with django_assert_max_num_queries(FEED):
            response = client.get(url)
        assert response.status_code == 200
        assert "Berita Jawa Timur untuk kab/kota" in response.text


def test_satker_pages_keep_their_budget(client, rich_news, django_assert_max_num_queries):
    for slug in ("prov-jawa-timur", "kota-kediri"):
        with django_assert_max_num_queries(SATKER_PAGE):
            response = client.get(satker(slug).get_absolute_url())
        assert response.status_code == 200
        assert "Rapat Pleno Terbuka Nomor" in response.text  # the rich articles' titles


def test_pages_sought_from_an_anchor_match_plain_offsets(client, rich_news, monkeypatch):
    """Deep pages seek from a cached anchor; every page still shows exactly the articles an
    OFFSET would, including articles that share a publication time across the anchor."""
    monkeypatch.setattr("news.public.pagination.ANCHOR_ROWS", 100)
    same_time = Article.objects.published().order_by("-published_at", "-id")[205].published_at
    Article.objects.filter(title__in=[f"Berita lama {n}" for n in range(70, 80)]).update(published_at=same_time)
    everything = list(Article.objects.published().values_list("title", flat=True))
    for page in range(10, 14):
        response = client.get(reverse("news:article_list"), {"page": page})
        assert [article.title for article in response.context["object_list"]] == everything[(page - 1) * 20 :][:20]
