"""The foundation's public pages: they render, use the public rule and stay within query budgets."""

import pytest
from django.urls import reverse

from news.models import Status
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db


def test_home_lists_published_news_only(client, django_assert_max_num_queries):
    ArticleFactory(title="Sudah Terbit")
    ArticleFactory(title="Masih Draf", status=Status.DRAFT)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("home"))
    assert "Sudah Terbit" in response.text
    assert "Masih Draf" not in response.text


def test_article_page_shows_the_time_in_the_satkers_zone(client, django_assert_max_num_queries):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2023, 8, 7, 8, 0, tzinfo=ZoneInfo("UTC"))
    wib = ArticleFactory(satker=satker("kota-kediri"), published_at=moment, divisions=DivisionFactory.create_batch(2))
    wita = ArticleFactory(satker=satker("kota-tarakan"), published_at=moment, tags=["pemilu", "pleno"])
    wit = ArticleFactory(satker=satker("kota-jayapura"), published_at=moment)
    with django_assert_max_num_queries(8):
        page = client.get(wib.get_absolute_url()).text
    assert "Senin, 7 Agustus 2023 15.00 WIB" in page
    assert "Senin, 7 Agustus 2023 16.00 WITA" in client.get(wita.get_absolute_url()).text
    assert "Senin, 7 Agustus 2023 17.00 WIT" in client.get(wit.get_absolute_url()).text


def test_a_draft_article_is_a_404(client):
    article = ArticleFactory(status=Status.DRAFT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


def test_satker_page_shows_its_news_and_its_children(client, django_assert_max_num_queries):
    ArticleFactory(satker=satker("kota-kediri"), title="Berita Kota Kediri")
    with django_assert_max_num_queries(8):
        response = client.get(satker("prov-jawa-timur").get_absolute_url())
    assert "Berita Kota Kediri" in response.text
    assert "KPU Kabupaten Kediri" in response.text
