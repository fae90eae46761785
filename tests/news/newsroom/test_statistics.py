"""Views per article per day as an SVG chart; articles and views per satker per month."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.newsroom.statistics import daily_views, satker_monthly
from tests.factories import ArticleFactory, satker
from viewcount.models import DailyViews

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def test_daily_views_fill_quiet_days_with_zero():
    article = ArticleFactory()
    today = date(2026, 11, 20)
    DailyViews.objects.create(article=article, date=today, views=7)
    DailyViews.objects.create(article=article, date=today - timedelta(days=2), views=3)
    points = daily_views(article, days=3, today=today)
    assert points == [(date(2026, 11, 18), 3), (date(2026, 11, 19), 0), (date(2026, 11, 20), 7)]


def test_the_article_statistics_page_draws_an_svg_chart(client, editor, time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 10, tzinfo=WIB), tick=False)  # no midnight between the row and the page
    article = ArticleFactory(view_count=42)
    DailyViews.objects.create(article=article, date=timezone.localdate(), views=12)
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_statistics", args=[article.pk]))
    assert page.status_code == 200
    assert "<svg" in page.text and "<rect" in page.text
    assert "42" in page.text and "12 kali dalam 30 hari terakhir" in page.text


def test_another_satker_cannot_open_an_articles_statistics(client, bandung_editor):
    article = ArticleFactory()
    client.force_login(bandung_editor)
    assert client.get(reverse("admin:news_article_statistics", args=[article.pk])).status_code == 404


def test_satker_monthly_counts_published_articles_and_views(time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 10, tzinfo=WIB), tick=False)  # the articles below are published by then
    today = timezone.localdate()
    kediri = satker("kota-kediri")
    article = ArticleFactory(published_at=datetime(2026, 10, 5, 9, tzinfo=WIB))
    ArticleFactory(published_at=datetime(2026, 11, 2, 9, tzinfo=WIB))
    ArticleFactory(satker=satker("kota-bandung"), published_at=datetime(2026, 11, 2, 9, tzinfo=WIB))
    DailyViews.objects.create(article=article, date=date(2026, 10, 6), views=5)
    DailyViews.objects.create(article=article, date=date(2026, 11, 1), views=8)
    rows = satker_monthly(kediri, months=2, today=today)
    assert rows == [(date(2026, 10, 1), 1, 5), (date(2026, 11, 1), 1, 8)]


def test_the_satker_statistics_page_refuses_another_satker(client, editor):
    client.force_login(editor)
    url = reverse("admin:news_satker_statistics")
    assert client.get(url).status_code == 200
    assert client.get(url, {"satker": "kota-bandung"}).status_code == 404


def test_a_province_reads_the_statistics_of_its_kabupaten_kota(client, province_editor):
    client.force_login(province_editor)
    page = client.get(reverse("admin:news_satker_statistics"), {"satker": "kota-kediri"})
    assert page.status_code == 200 and "<svg" in page.text
