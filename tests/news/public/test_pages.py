"""The public pages: what a reader sees on the home page, listings, article and satker pages."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Kind, Status
from tests.budgets import ARTICLE_PAGE, HOME, SATKER_PAGE
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db


def test_home_lists_the_latest_published_news_only(client, django_assert_max_num_queries):
    ArticleFactory(title="Sudah Terbit")
    ArticleFactory(title="Masih Draf", status=Status.DRAFT)
    ArticleFactory(title="Terjadwal Besok", published_at=timezone.now() + timedelta(days=1))
    with django_assert_max_num_queries(HOME):
        response = client.get(reverse("home"))
    assert "Sudah Terbit" in response.text
    assert "Masih Draf" not in response.text
    assert "Terjadwal Besok" not in response.text


def test_home_offers_every_province_to_pick(client):
    page = client.get(reverse("home")).text
    assert page.count('href="/satker/prov-') == 38
    assert "KIP Aceh" in page


def test_province_page_offers_its_kabupaten_and_kota(client, django_assert_max_num_queries):
    ArticleFactory(satker=satker("kota-kediri"), title="Berita Kota Kediri")
    with django_assert_max_num_queries(SATKER_PAGE):
        response = client.get(satker("prov-jawa-timur").get_absolute_url())
    assert "Berita Kota Kediri" in response.text
    assert "KPU Kabupaten Kediri" in response.text
    assert response.text.count('href="/satker/kab-') + response.text.count('href="/satker/kota-') >= 38


def test_satker_page_links_its_parent(client):
    page = client.get(satker("kota-kediri").get_absolute_url()).text
    assert 'href="/satker/prov-jawa-timur/"' in page
    assert "Zona waktu WIB" in page


def test_unknown_satker_is_an_indonesian_404(client):
    response = client.get(reverse("satker:satker_detail", args=["kota-atlantis"]))
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("kota-kediri", "Senin, 7 Agustus 2023 15.00 WIB"),
        ("kota-tarakan", "Senin, 7 Agustus 2023 16.00 WITA"),
        ("kota-jayapura", "Senin, 7 Agustus 2023 17.00 WIT"),
    ],
)
def test_article_shows_its_time_in_the_satkers_own_zone(client, slug, expected):
    moment = datetime(2023, 8, 7, 8, 0, tzinfo=ZoneInfo("UTC"))
    article = ArticleFactory(satker=satker(slug), published_at=moment)
    assert expected in client.get(article.get_absolute_url()).text


def test_article_page_shows_everything_a_reader_expects(client):
    divisions = DivisionFactory.create_batch(2)
    article = ArticleFactory(
        title="Bimtek KPPS Kota Kediri",
        dateline="Kediri",
        editor_credit="Ed: Asa",
        divisions=divisions,
        tags=["bimtek", "kpps"],
    )
    article.view_count = 113
    article.save()
    page = client.get(article.get_absolute_url()).text
    assert "<h1>Bimtek KPPS Kota Kediri</h1>" in page
    assert 'href="/satker/kota-kediri/"' in page
    assert "KEDIRI" in page
    assert "Ed: Asa" in page
    assert "Dilihat 113 kali" in page
    for division in divisions:
        assert division.get_absolute_url() in page
    assert reverse("news:tag_detail", args=["kpps"]) in page


def test_article_changed_after_publication_says_when(client):
    article = ArticleFactory()
    article.refresh_from_db()
    article.body = "<p>Koreksi jumlah peserta.</p>"
    article.save()
    assert "Diperbarui" in client.get(article.get_absolute_url()).text


def test_article_page_links_previous_and_next_of_the_same_satker(client):
    now = timezone.now()
    older = ArticleFactory(title="Yang Lebih Lama", published_at=now - timedelta(days=3))
    current = ArticleFactory(title="Yang Sekarang", published_at=now - timedelta(days=2))
    newer = ArticleFactory(title="Yang Lebih Baru", published_at=now - timedelta(days=1))
    ArticleFactory(title="Satker Lain", satker=satker("kota-bandung"), published_at=now - timedelta(days=2, hours=1))
    page = client.get(current.get_absolute_url()).text
    assert f'rel="prev" href="{older.get_absolute_url()}"' in page
    assert f'rel="next" class="next" href="{newer.get_absolute_url()}"' in page
    assert "Satker Lain" not in page.split('class="prev-next"')[1].split("</nav>")[0]


def test_article_page_shows_gallery_with_alt_texts(client, image_file):
    from news.models import ArticleImage

    article = ArticleFactory()
    ArticleImage.objects.create(article=article, image=image_file(), alt_text="Peserta bimtek", caption="Sesi pagi")
    page = client.get(article.get_absolute_url()).text
    assert 'alt="Peserta bimtek"' in page
    assert "Sesi pagi" in page
    assert 'loading="lazy"' in page


def test_featured_image_has_renditions_and_its_size(client, image_file):
    article = ArticleFactory(featured_image=image_file(width=1600, height=900), featured_image_alt="Rapat pleno")
    page = client.get(article.get_absolute_url()).text
    assert 'width="1600" height="900"' in page
    assert "-480w.webp 480w" in page and "-1200w.webp 1200w" in page
    assert 'alt="Rapat pleno"' in page


def test_article_page_needs_at_most_8_queries_however_rich(client, django_assert_max_num_queries, image_file):
    from news.models import ArticleImage

    article = ArticleFactory(divisions=DivisionFactory.create_batch(4), tags=[f"tag{n}" for n in range(10)])
    for n in range(5):
        ArticleImage.objects.create(article=article, image=image_file(), alt_text=f"Foto {n}")
    for _ in range(3):
        ArticleFactory(divisions=[article.divisions.first()])
    with django_assert_max_num_queries(ARTICLE_PAGE):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_article_is_a_404_that_reveals_nothing(client, status):
    article = ArticleFactory(title="Rahasia Redaksi", status=status)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Rahasia Redaksi" not in response.text


def test_scheduled_article_is_a_404_until_its_time(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_of_another_satker_path_is_a_404(client):
    article = ArticleFactory(satker=satker("kota-kediri"))
    assert client.get(reverse("news:article_detail", args=["kab-kediri", article.slug])).status_code == 404


def test_announcements_are_labelled(client):
    article = ArticleFactory(kind=Kind.ANNOUNCEMENT, title="Pengumuman Nomor 163 Tahun 2024")
    assert "Pengumuman" in client.get(article.get_absolute_url()).text


def test_head_requests_work(client):
    article = ArticleFactory()
    for url in [reverse("home"), reverse("news:article_list"), article.get_absolute_url()]:
        response = client.head(url)
        assert response.status_code == 200
        assert response.content == b""


def test_home_shows_the_most_viewed_news_of_the_last_7_days(client, django_assert_max_num_queries):
    from viewcount.models import DailyViews

    today = timezone.localdate()
    popular = ArticleFactory(title="Paling Banyak Dibaca")
    old_hit = ArticleFactory(title="Ramai Bulan Lalu")
    DailyViews.objects.create(article=popular, date=today, views=50)
    DailyViews.objects.create(article=old_hit, date=today - timedelta(days=30), views=5000)
    with django_assert_max_num_queries(HOME):
        page = client.get(reverse("home")).text
    section = page.split('id="terpopuler"')[1]
    assert "Paling Banyak Dibaca" in section
    assert "Ramai Bulan Lalu" not in section


def test_article_page_records_views_through_the_beacon(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url()).text
    assert f'data-article="{article.pk}"' in page
    assert reverse("viewcount:pixel") in page  # the no-JavaScript path


def test_a_tag_without_an_address_does_not_break_the_article_page(client):
    from news.models import Tag

    article = ArticleFactory(tags=["pleno"])
    article.tags.add(Tag.objects.create(name="★★★", slug=""))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "#pleno" in response.text
