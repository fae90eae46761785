"""The read-only view, the preview label and the statistics charts as editors see them."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from news.newsroom.charts import bar_chart
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db


def test_a_province_reads_a_kab_kota_article_rendered_without_the_writers_banner(client, province_editor):
    article = ArticleFactory(satker=satker("kota-kediri"), body="<p>Rapat <strong>pleno</strong> digelar.</p>")
    client.force_login(province_editor)
    page = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert "<p>Rapat <strong>pleno</strong> digelar.</p>" in page.text
    assert "&lt;p&gt;" not in page.text
    assert "Simpan sebagai Draf" not in page.text and "Hanya baca" in page.text


def test_the_writer_still_gets_the_hint_and_the_editor(client, writer):
    client.force_login(writer)
    page = client.get(reverse("admin:news_article_add"))
    assert "Simpan sebagai Draf" in page.text and "Hanya baca" not in page.text


@pytest.mark.parametrize(
    ("state", "label"),
    [
        ({"status": Status.DRAFT, "published_at": None}, "Pratinjau — belum terbit (Draf)"),
        ({"status": Status.REVIEW, "published_at": None}, "Pratinjau — belum terbit (Menunggu tinjauan)"),
        ({"published_at": timezone.now() + timedelta(days=1)}, "Pratinjau — belum terbit (Terjadwal)"),
        ({"status": Status.ARCHIVED}, "Pratinjau — belum terbit (Diarsipkan)"),
    ],
)
def test_every_preview_of_an_unpublished_article_says_so(client, editor, state, label):
    article = ArticleFactory(**state)
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert label in page.text


def test_the_preview_of_a_live_article_has_no_label(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert "belum terbit" not in page.text


def chart_texts(svg):
    return re.findall(r"<text[^>]*>([^<]*)</text>", str(svg))


def test_a_30_day_chart_labels_each_week_back_from_today_and_has_a_value_axis():
    points = [(f"{day:02d}/11", day % 5) for day in range(1, 31)]
    texts = chart_texts(bar_chart(points, "Dilihat per hari", tick_every=7))
    assert texts[:3] == ["0", "2", "4"]  # value axis: 0, the middle, the top (4, rounded up to even)
    assert texts[3:] == ["02/11", "09/11", "16/11", "23/11", "30/11"]  # the last day is always named


def test_a_chart_of_thousands_groups_digits_and_keeps_labels_few():
    points = [(f"{month:02d}/2026", 1000 * month + 1) for month in range(1, 13)]
    texts = chart_texts(bar_chart(points))
    assert texts[:3] == ["0", "6.001", "12.002"]
    assert len(texts[3:]) <= 8 and texts[-1] == "12/2026"


def test_an_empty_chart_says_so():
    assert "Belum ada data." in bar_chart([])


def test_a_withdrawn_article_is_named_so_in_the_list_and_its_preview(client, editor):
    article = ArticleFactory(title="Berita Ditarik", withdrawn_at=timezone.now(), withdrawal_reason="Keliru.")
    client.force_login(editor)
    row = client.get(reverse("admin:news_article_changelist")).text
    assert '<span class="state state-withdrawn">Ditarik</span>' in row
    page = client.get(reverse("admin:news_article_preview", args=[article.pk])).text
    assert "Pratinjau — ditarik" in page and "belum terbit" not in page
