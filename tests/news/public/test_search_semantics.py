"""The same queries find the same articles on SQLite (FTS5 with Snowball stems) and PostgreSQL
(the `indonesian` configuration): run this file once plain and once with DATABASE_URL=postgres://...

One small newsroom, twenty queries a reader would type, the titles they must find (in order when
the order is the point)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.demo import seed_demo
from news.models import Article, Division, Kind, Status
from tests.budgets import SEARCH
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def day(year, month=6, date=15):
    return datetime(year, month, date, 9, tzinfo=JAKARTA)


@pytest.fixture
def newsroom():
    """Twelve public articles over five years and six satker, a draft and a withdrawn one."""
    teknis = Division.objects.get(slug="teknis-penyelenggaraan")  # seeded by migration 0002
    articles = [
        dict(title="Pemilihan Bupati dimulai", satker="kab-kediri", lead="Tahapan pemilihan bupati resmi dimulai.",
             body="<p>Jadwal pendaftaran calon diumumkan.</p>", published_at=day(2024, 3)),
        dict(title="Sosialisasi untuk pemilih pemula", satker="kota-surabaya", lead="Siswa sekolah menengah diajak.",
             body="<p>Pemilih pemula belajar cara mencoblos.</p>", published_at=day(2023)),
        dict(title="Rapat pleno terbuka rekapitulasi", satker="prov-jawa-timur", lead="Hasil rekapitulasi suara.",
             body="<p>Rapat pleno dihadiri saksi partai.</p>", published_at=day(2024, 4), divisions=[teknis]),
        dict(title="Pleno rapat koordinasi anggaran", satker="kota-bandung", lead="Koordinasi anggaran hibah.",
             body="<p>Koordinasi dengan pemerintah daerah.</p>", published_at=day(2024, 2)),
        dict(title="Distribusi logistik ke kecamatan", satker="kota-kediri", lead="Kotak suara tiba di gudang.",
             body="<p>Logistik pemilu dikirim ke setiap kecamatan.</p>", published_at=day(2022)),
        dict(title="Debat kandidat gubernur", satker="prov-papua", lead="Debat publik pertama para kandidat.",
             body="<p>Visi dan misi disampaikan.</p>", published_at=day(2024, 5), kind=Kind.ANNOUNCEMENT),
        dict(title="Alokasi kursi dengan Sainte Lague", satker="ri", lead="Penetapan perolehan kursi DPRD.",
             body="<p>Metode Sainte Lague membagi kursi.</p>", published_at=day(2019)),
        dict(title="Pemutakhiran daftar pemilih tetap", satker="kab-malang", lead="Coklit dari rumah ke rumah.",
             body="<p>Petugas mendatangi warga.</p>", published_at=day(2021)),
        dict(title="Warga memilih dengan tenang", satker="kota-jayapura", lead="Pemungutan suara berjalan lancar.",
             body='<p>Lihat <a href="https://contoh.test/rahasiaku">foto</a>.</p>', published_at=day(2024, 2, 20)),
        dict(title="Logistik", satker="kota-bandung", lead="Catatan singkat.",
             body="<p>Gudang.</p>", published_at=day(2020)),
        dict(title="Gudang penyimpanan surat suara", satker="kota-malang", lead="Logistik disimpan aman.",
             body="<p>Logistik dijaga polisi.</p>", published_at=day(2024, 1)),
        dict(title="Layanan informasi publik", satker="kota-kediri", lead="Meja layanan dibuka setiap hari kerja.",
             body="<p>Warga bisa bertanya langsung.</p>", published_at=day(2023, 8)),
    ]  # fmt: skip
    for fields in articles:
        ArticleFactory(**{**fields, "satker": satker(fields["satker"])})
    ArticleFactory(title="Draf pemilihan rahasia", status=Status.DRAFT, published_at=day(2024))
    ArticleFactory(title="Pemilihan ditarik", published_at=day(2024), withdrawn_at=timezone.now())


CASES = [
    # Stems: one Snowball stem ("pilih") for memilih, pemilih, pemilihan, on both databases.
    ("memilih", {}, {"Pemilihan Bupati dimulai", "Sosialisasi untuk pemilih pemula",
                     "Pemutakhiran daftar pemilih tetap", "Warga memilih dengan tenang"}),
    ("pemilihan", {}, {"Pemilihan Bupati dimulai", "Sosialisasi untuk pemilih pemula",
                       "Pemutakhiran daftar pemilih tetap", "Warga memilih dengan tenang"}),
    ("rekapitulasi", {}, {"Rapat pleno terbuka rekapitulasi"}),
    # Multi-word: every word, any order, across title, lead and body.
    ("logistik pemilu", {}, {"Distribusi logistik ke kecamatan"}),
    ("pemilu logistik", {}, {"Distribusi logistik ke kecamatan"}),
    ("kandidat debat gubernur", {}, {"Debat kandidat gubernur"}),
    # Phrases, exclusion, OR as websearch_to_tsquery reads them.
    ('"rapat pleno"', {}, {"Rapat pleno terbuka rekapitulasi"}),
    ("rapat pleno", {}, {"Rapat pleno terbuka rekapitulasi", "Pleno rapat koordinasi anggaran"}),
    ('"sainte lague', {}, {"Alokasi kursi dengan Sainte Lague"}),  # an unclosed quote runs to the end
    ("pemilih -pemula", {}, {"Pemilihan Bupati dimulai", "Pemutakhiran daftar pemilih tetap",
                             "Warga memilih dengan tenang"}),
    ("debat OR sainte", {}, {"Debat kandidat gubernur", "Alokasi kursi dengan Sainte Lague"}),
    # Filters narrow the search.
    ("pemilih", {"tahun": 2021}, {"Pemutakhiran daftar pemilih tetap"}),
    ("rapat", {"satker": "prov-jawa-timur"}, {"Rapat pleno terbuka rekapitulasi"}),
    ("rapat", {"divisi": "teknis-penyelenggaraan"}, {"Rapat pleno terbuka rekapitulasi"}),
    ("kandidat", {"jenis": "pengumuman"}, {"Debat kandidat gubernur"}),
    # Only words a reader sees; never drafts or withdrawn articles; syntax is never obeyed.
    ("rahasiaku", {}, set()),
    ('rapat* (pleno)^ : "', {}, {"Rapat pleno terbuka rekapitulasi", "Pleno rapat koordinasi anggaran"}),
    # Order: a typed satker's own news first; an exact title first; then title over body.
    ("KPU kediri", {}, ["Pemilihan Bupati dimulai", "Layanan informasi publik", "Distribusi logistik ke kecamatan"]),
    ("logistik", {}, ["Logistik", "Distribusi logistik ke kecamatan", "Gudang penyimpanan surat suara"]),
    ("kediri logistik", {}, ["Distribusi logistik ke kecamatan"]),
]  # fmt: skip


def found(client, query, filters):
    response = client.get(reverse("news:search"), {"q": query, **filters})
    assert response.status_code == 200
    return [article.title for article in response.context["object_list"]]


@pytest.mark.parametrize(("query", "filters", "expected"), CASES, ids=[case[0] for case in CASES])
def test_search_finds_what_the_reader_means(client, newsroom, query, filters, expected):
    titles = found(client, query, filters)
    assert (set(titles) if isinstance(expected, set) else titles) == expected
    assert len(titles) == len(set(titles))


def test_matched_words_are_marked_in_the_snippet_and_html_is_escaped(client, newsroom):
    ArticleFactory(title="Tanda", body="<p>Kata &lt;script&gt; lalu pemilihan berjalan.</p>")
    page = client.get(reverse("news:search"), {"q": "pilih tanda"}).text
    assert "<mark>pemilihan</mark>" in page
    assert "<script>" not in page


def test_a_misspelt_word_gets_a_suggestion_that_finds_articles(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(SEARCH):
        response = client.get(reverse("news:search"), {"q": "pemutahiran"})
    assert response.context["object_list"] == []
    assert "Mungkin maksud Anda" in response.text
    assert response.context["suggestion"] == "pemutakhiran"


def test_a_search_page_stays_within_its_query_budget(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(SEARCH):
        response = client.get(reverse("news:search"), {"q": "pemilih", "tahun": 2024})
    assert response.status_code == 200


def test_the_api_and_the_site_find_the_same_articles(client, newsroom):
    answer = client.get("/api/v1/articles/", {"q": "pemilih -pemula"}).json()
    assert {item["title"] for item in answer["results"]} == set(found(client, "pemilih -pemula", {}))


def test_edits_and_deletes_reach_the_index_at_once(client, newsroom):
    article = ArticleFactory(title="Judul lama sekali")
    assert found(client, "lama", {}) == ["Judul lama sekali"]
    article.title = "Judul baru sekali"
    article.save()
    assert found(client, "lama", {}) == []
    assert found(client, "baru", {}) == ["Judul baru sekali"]
    article.delete()
    assert found(client, "baru", {}) == []


def test_a_suggestion_keeps_what_the_reader_typed_around_the_misspelt_words(
    client, newsroom, django_assert_max_num_queries
):
    with django_assert_max_num_queries(SEARCH):  # one lookup for all the words, not one per word
        response = client.get(reverse("news:search"), {"q": "pemutahiran dafar -pemula"})
    assert response.context["suggestion"] == "pemutakhiran daftar -pemula"


def test_a_snippet_shows_the_body_s_own_brackets_and_marks_only_the_match(client):
    ArticleFactory(title="Tanda kurung", body="<p>Simbol \u2983 lalu pemilihan \u2984 selesai.</p>")
    page = client.get(reverse("news:search"), {"q": "pemilihan"}).text
    assert "\u2983 lalu <mark>pemilihan</mark> \u2984" in page


def test_an_underscore_separates_words_on_both_databases(client):
    ArticleFactory(title="Daftar pemilih", body="<p>Berkas pemilu_2024 diunggah.</p>")
    assert found(client, "pemilih _", {}) == found(client, "pemilih", {}) == ["Daftar pemilih"]
    assert found(client, "pemilu 2024", {}) == ["Daftar pemilih"]


def test_updates_in_bulk_and_unpublishing_reach_search_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the index is the point here, not the page cache's lifetime
    article = ArticleFactory(title="Rapat anggaran", lead="Catatan singkat.")
    Article.objects.filter(pk=article.pk).update(lead="Tinjauan gudang logistik.")
    assert found(client, "tinjauan", {}) == ["Rapat anggaran"]
    assert found(client, "catatan", {}) == []
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    assert found(client, "tinjauan", {}) == []


def test_the_searches_a_newcomer_tries_find_the_demo_s_articles(client):
    seed_demo()
    queries = ["memilih", "KPU kediri", "kediri pemilu", '"rapat pleno"', "pemilih -pemula"]
    assert [query for query in queries if not found(client, query, {})] == []


def test_an_exact_title_comes_first_even_when_another_article_repeats_the_words_more(client):
    ArticleFactory(title="Debat publik", lead="Catatan singkat.", body="<p>Gudang.</p>", published_at=day(2019))
    ArticleFactory(
        title="Debat publik, debat publik lagi",
        lead="Debat publik kedua.",
        body="<p>Debat publik berlangsung; debat publik lagi.</p>",
        published_at=day(2024),
    )
    assert found(client, "Debat publik", {}) == ["Debat publik", "Debat publik, debat publik lagi"]
