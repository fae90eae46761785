from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from news.models import Article, Kind
from tests.api.conftest import titles
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def test_a_province_filter_includes_its_kabupaten_and_kota(api):
    ArticleFactory(title="Kediri", satker=satker("kota-kediri"))
    ArticleFactory(title="Jatim", satker=satker("prov-jawa-timur"))
    ArticleFactory(title="Papua", satker=satker("prov-papua"))
    assert sorted(titles(api("article_list", satker="prov-jawa-timur"))) == ["Jatim", "Kediri"]
    assert titles(api("article_list", satker="kota-kediri")) == ["Kediri"]


def test_division_tag_and_kind_filters_combine(api):
    division = DivisionFactory()
    ArticleFactory(title="Cocok", divisions=[division], tags=["dpt"], kind=Kind.PRESS_RELEASE)
    ArticleFactory(title="Tanpa tag", divisions=[division], kind=Kind.PRESS_RELEASE)
    ArticleFactory(title="Jenis lain", divisions=[division], tags=["dpt"])
    assert titles(api("article_list", divisi=division.slug, tag="dpt", jenis="siaran-pers")) == ["Cocok"]


def test_year_month_and_date_range_filters(api):
    for day in (1, 15, 28):
        ArticleFactory(title=f"Feb {day}", published_at=datetime(2024, 2, day, 10, tzinfo=WIB))
    ArticleFactory(title="Maret", published_at=datetime(2024, 3, 1, 0, 30, tzinfo=WIB))
    assert len(titles(api("article_list", tahun=2024, bulan=2))) == 3
    assert titles(api("article_list", dari="2024-02-15", sampai="2024-02-28")) == ["Feb 28", "Feb 15"]
    # Dates are calendar days in WIB: 00:30 WIB on 1 March is still 29 February in UTC.
    assert titles(api("article_list", dari="2024-03-01")) == ["Maret"]


def test_search_finds_words_and_keeps_newest_first(api):
    ArticleFactory(title="Pemilu lama", published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(title="Pemilu baru")
    ArticleFactory(title="Rapat anggaran")
    assert titles(api("article_list", q="pemilu")) == ["Pemilu baru", "Pemilu lama"]


# 1,000: the changes are few and fetched by id; 0: too many, the plain filter (api/filters.py).
@pytest.mark.parametrize("changed_ids", [1_000, 0], ids=["by-id", "plain-filter"])
def test_updated_since_returns_changed_articles_and_those_that_just_became_public(
    api, time_machine, monkeypatch, changed_ids
):
    monkeypatch.setattr("api.filters.CHANGED_IDS", changed_ids)
    time_machine.move_to(datetime(2026, 1, 1, 8, tzinfo=WIB), tick=False)
    ArticleFactory(title="Lama", published_at=timezone.now() - timedelta(days=1))
    edited = ArticleFactory(title="Disunting", published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(title="Terjadwal", published_at=datetime(2026, 1, 1, 12, tzinfo=WIB))
    time_machine.move_to(datetime(2026, 1, 1, 10, tzinfo=WIB), tick=False)
    edited.lead = "Diperbaiki."
    edited.save()
    time_machine.move_to(datetime(2026, 1, 1, 13, tzinfo=WIB), tick=False)
    since = "2026-01-01T09:00:00+07:00"
    assert sorted(titles(api("article_list", updated_since=since))) == ["Disunting", "Terjadwal"]
    # The same time written in UTC, and with an unencoded "+" (a space once decoded).
    assert len(titles(api("article_list", updated_since="2026-01-01T02:00:00Z"))) == 2
    assert len(titles(api("article_list", updated_since="2026-01-01T09:00:00 07:00"))) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"satker": "tidak-ada"}, "satker"),
        ({"divisi": "tidak-ada"}, "divisi"),
        ({"tag": "tidak-ada"}, "tag"),
        ({"jenis": "opini"}, "jenis"),
        ({"tahun": "abc"}, "tahun"),
        ({"tahun": "1999"}, "tahun"),
        ({"bulan": "13"}, "bulan"),
        ({"bulan": "2"}, "bulan"),
        ({"dari": "29-02-2024"}, "dari"),
        ({"sampai": "2024-02-30"}, "sampai"),
        ({"dari": "2024-03-01", "sampai": "2024-02-01"}, "sampai"),
        ({"updated_since": "kemarin"}, "updated_since"),
        ({"updated_since": "0001-01-01T00:00:00+07:00"}, "updated_since"),
        ({"satkr": "kota-kediri"}, "parameters"),
        ({"q": "pemilu\x00"}, "q"),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(api, params, field):
    body = api("article_list", status=400, **params)
    assert body["error"]["code"] == "invalid_parameter"
    assert body["error"]["status"] == 400
    assert list(body["error"]["fields"]) == [field]
    assert all(isinstance(text, str) and text for text in body["error"]["fields"][field])


def test_a_tag_carried_only_by_drafts_is_unknown(api):
    ArticleFactory(status="draft", tags=["embargo"])
    api("article_list", tag="embargo", status=400)
    assert Article.objects.filter(tags__slug="embargo").exists()


def test_updated_since_with_an_offset_postgresql_refuses_still_answers(api):
    # Python takes "-22:50"; PostgreSQL takes at most 15:59, so the time goes to it in UTC.
    ArticleFactory(title="Baru")
    assert titles(api("article_list", updated_since="2000-01-01T00:00:00-22:50")) == ["Baru"]
