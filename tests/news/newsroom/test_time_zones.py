"""Publication times in the newsroom are typed and read in the article's satker's own zone.

Kota Kediri is WIB (+07), Kota Denpasar WITA (+08), KPU Provinsi Papua WIT (+09). 16.32 typed on
17 August 2027 is 09.32, 08.32 and 07.32 UTC.
"""

from datetime import UTC, date, datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article, Status
from news.newsroom.statistics import satker_monthly
from satker.models import Role
from tests import budgets
from tests.factories import ArticleFactory, satker, staff_user
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db

UTC_0732 = datetime(2027, 8, 17, 7, 32, tzinfo=UTC)  # 16.32 WIT, 15.32 WITA, 14.32 WIB
ZONES = [
    ("kota-kediri", "WIB", 7),
    ("kota-denpasar", "WITA", 8),
    ("prov-papua", "WIT", 9),
]


def editor_of(slug):
    return staff_user(f"editor-{slug}", slug, Role.EDITOR)


def typed(day="17-08-2027", time="16.32", **fields):
    return article_form_data(status="published", published_at_0=day, published_at_1=time, **fields)


@pytest.mark.parametrize(("slug", "label", "offset"), ZONES)
def test_a_typed_time_is_the_satkers_local_time(client, time_machine, slug, label, offset):
    time_machine.move_to(datetime(2027, 8, 17, 0, 0, tzinfo=UTC))  # the typed time is still ahead: scheduled
    client.force_login(editor_of(slug))
    response = client.post(reverse("admin:news_article_add"), typed(title=f"Jadwal {label}"))
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(title=f"Jadwal {label}")
    assert article.published_at == datetime(2027, 8, 17, 16 - offset, 32, tzinfo=UTC)
    assert article.status == Status.PUBLISHED and article.is_scheduled()


@pytest.mark.parametrize(("slug", "label", "offset"), ZONES)
def test_the_form_shows_the_local_time_the_zone_and_a_local_now(client, slug, label, offset):
    article = ArticleFactory(satker=satker(slug), published_at=datetime(2027, 8, 17, 16 - offset, 32, tzinfo=UTC))
    client.force_login(editor_of(slug))
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).text
    assert 'name="published_at_1" value="16.32.00"' in page
    assert 'name="published_at_0" value="17-08-2027"' in page
    assert f'<strong class="zone-label" title="{satker(slug).time_zone}">{label}</strong>' in page
    assert f"Waktu setempat satker, {label}" in page
    # Admin's "Sekarang" adds this offset (seconds east of UTC) to the browser's clock.
    assert f'data-admin-utc-offset="{offset * 3600}"' in page


def test_a_superadmin_sees_each_article_in_its_own_zone(client, superadmin):
    papua = ArticleFactory(satker=satker("prov-papua"), published_at=UTC_0732)
    kediri = ArticleFactory(published_at=UTC_0732)
    client.force_login(superadmin)
    papua_page = client.get(reverse("admin:news_article_change", args=[papua.pk])).text
    kediri_page = client.get(reverse("admin:news_article_change", args=[kediri.pk])).text
    assert 'value="16.32.00"' in papua_page and ">WIT</strong>" in papua_page
    assert 'value="14.32.00"' in kediri_page and ">WIB</strong>" in kediri_page


def test_a_superadmin_adding_for_a_wit_satker_types_wit(client, superadmin):
    papua = satker("prov-papua")
    client.force_login(superadmin)
    form = client.get(reverse("admin:news_article_add"), {"satker": papua.pk}).text
    assert ">WIT</strong>" in form
    response = client.post(reverse("admin:news_article_add"), typed(satker=papua.pk, title="Berita Papua"))
    assert response.status_code == 302, response.content[:2000]
    assert Article.objects.get(title="Berita Papua").published_at == UTC_0732


@pytest.mark.parametrize("chosen", ["\u00b2", "9" * 30, "abc"])
def test_a_malformed_satker_choice_on_the_add_form_falls_back_to_the_own_zone(client, superadmin, chosen):
    client.force_login(superadmin)
    response = client.get(reverse("admin:news_article_add"), {"satker": chosen})
    assert response.status_code == 200 and ">WIB</strong>" in response.text
    response = client.post(reverse("admin:news_article_add"), typed(satker=chosen, title="Tidak tersimpan"))
    assert response.status_code == 200  # the form's "choose a valid satker", not a 500


def test_the_change_form_finds_its_zone_without_a_query_of_its_own(client):
    article = ArticleFactory(satker=satker("prov-papua"), published_at=UTC_0732)
    client.force_login(editor_of("prov-papua"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("admin:news_article_change", args=[article.pk])).text
    assert 'value="16.32.00"' in page and ">WIT</strong>" in page
    zone_lookups = [q["sql"] for q in queries if "time_zone" in q["sql"] and "news_article" in q["sql"]]
    assert zone_lookups == []


def test_a_time_is_read_in_the_zone_it_was_shown_in(client, superadmin):
    """Typed under "WIB" on a blank add form, then a WIT satker chosen: it is 16.32 WIB, 18.32 WIT."""
    client.force_login(superadmin)
    form = client.get(reverse("admin:news_article_add")).text
    assert ">WIB</strong>" in form and 'name="published_at_zone" value="Asia/Jakarta"' in form
    data = typed(satker=satker("prov-papua").pk, title="Berita Papua", published_at_zone="Asia/Jakarta")
    response = client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(title="Berita Papua")
    assert article.published_at == datetime(2027, 8, 17, 9, 32, tzinfo=UTC)
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).text
    assert 'value="18.32.00"' in page and ">WIT</strong>" in page


def test_saving_again_keeps_the_moment(client):
    """An untouched time survives a save of the form in another zone's server."""
    article = ArticleFactory(satker=satker("prov-papua"), published_at=UTC_0732)
    client.force_login(editor_of("prov-papua"))
    data = typed(title="Judul baru", loaded_version=article.version, dateline="Jayapura")
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    assert article.title == "Judul baru"
    assert article.published_at == UTC_0732


def test_the_list_shows_each_row_in_its_satkers_zone(client, superadmin):
    ArticleFactory(title="Berita Papua", satker=satker("prov-papua"), published_at=UTC_0732)
    ArticleFactory(title="Berita Denpasar", satker=satker("kota-denpasar"), published_at=UTC_0732)
    ArticleFactory(title="Berita Kediri", published_at=UTC_0732)
    client.force_login(superadmin)
    page = client.get(reverse("admin:news_article_changelist")).text
    assert "17 Agu 2027 16.32 WIT" in page
    assert "17 Agu 2027 15.32 WITA" in page
    assert "17 Agu 2027 14.32 WIB" in page


def test_the_review_queue_shows_local_times(client):
    ArticleFactory(title="Menunggu", status=Status.REVIEW, satker=satker("prov-papua"),
                   published_at=UTC_0732)  # fmt: skip
    client.force_login(editor_of("prov-papua"))
    page = client.get(reverse("admin:news_article_changelist"), {"keadaan": "review"}).text
    assert "Menunggu" in page and "17 Agu 2027 16.32 WIT" in page


BAD_INPUT = [
    ("31-02-2026", "16.32", "Tanggal tidak dikenali"),
    ("kemarin", "16.32", "Tanggal tidak dikenali"),
    ("17-08-2027", "25.61", "Jam tidak dikenali"),
    ("17-08-2027", "jam empat", "Jam tidak dikenali"),
    ("17-08-1999", "16.32", "Tahun harus antara 2000 dan 2100"),
    ("17-08-2101", "16.32", "Tahun harus antara 2000 dan 2100"),
    ("2027-08-17T16:32:00", "", "Tempel waktu tidak bisa dipakai"),
    ("17-08-2027", "16:32:00+07:00", "Tempel waktu tidak bisa dipakai"),
    ("17-08-2027", "09:32Z", "Tempel waktu tidak bisa dipakai"),
    ("17-08-2027", "", "Jam tidak dikenali"),
]


@pytest.mark.parametrize(("day", "time", "error"), BAD_INPUT)
def test_bad_times_get_an_indonesian_error_and_nothing_is_saved(client, day, time, error):
    client.force_login(editor_of("prov-papua"))
    response = client.post(reverse("admin:news_article_add"), typed(day, time, title="Tidak tersimpan"))
    assert response.status_code == 200
    assert error in response.text
    assert not Article.objects.filter(title="Tidak tersimpan").exists()


def test_a_bad_time_on_an_existing_article_changes_nothing(client):
    article = ArticleFactory(satker=satker("prov-papua"), published_at=UTC_0732)
    client.force_login(editor_of("prov-papua"))
    data = typed("17-08-2027", "16:32:00+07:00", title="Judul baru", loaded_version=article.version)
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 200 and "Tempel waktu tidak bisa dipakai" in response.text
    assert "WIT" in response.text
    article.refresh_from_db()
    assert article.title != "Judul baru" and article.published_at == UTC_0732


def test_the_public_side_says_the_satkers_zone(client, django_assert_max_num_queries):
    moment = datetime(2025, 12, 3, 7, 32, tzinfo=UTC)
    article = ArticleFactory(satker=satker("prov-papua"), published_at=moment)
    with django_assert_max_num_queries(budgets.ARTICLE_PAGE):
        page = client.get(article.get_absolute_url()).text
    assert "3 Desember 2025 16.32 WIT" in page
    with django_assert_max_num_queries(budgets.FEED):
        feed = client.get(reverse("news:satker_feed", args=["prov-papua"])).content
    assert b"16:32:00 +0900" in feed
    assert feedparser.parse(feed).entries[0].published_parsed[:5] == (2025, 12, 3, 7, 32)
    with django_assert_max_num_queries(budgets.API_ARTICLE_DETAIL):
        data = client.get(reverse("api:article_detail", args=[article.pk])).json()
    assert data["published_at"] == "2025-12-03T16:32:00+09:00"


def test_oversight_names_each_satkers_zone(client):
    ArticleFactory(satker=satker("kota-jayapura"), published_at=datetime(2025, 12, 3, 7, 32, tzinfo=UTC))
    ArticleFactory(satker=satker("kab-jayapura"), published_at=datetime(2025, 12, 3, 7, 32, tzinfo=UTC))
    client.force_login(editor_of("prov-papua"))
    page = client.get(reverse("admin:news_oversight")).text
    assert page.count("3 Des 2025 16.32 WIT") == 2
    csv = client.get(reverse("admin:news_oversight"), {"format": "csv"}).content.decode()
    assert "2025-12-03 16:32 WIT" in csv


def test_a_month_starts_at_the_satkers_midnight():
    # 00.30 WIT on 1 December is still 30 November in WIB: it counts for December in Papua.
    ArticleFactory(satker=satker("prov-papua"), published_at=datetime(2025, 11, 30, 15, 30, tzinfo=UTC))
    rows = satker_monthly(satker("prov-papua"), months=2, today=date(2025, 12, 15))
    assert [(month, count) for month, count, _views in rows] == [(date(2025, 11, 1), 0), (date(2025, 12, 1), 1)]
