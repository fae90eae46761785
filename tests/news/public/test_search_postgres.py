"""PostgreSQL full-text search: stemming, ranking, and a vector kept by the database itself.

These run in CI's PostgreSQL pass; test_search_semantics.py runs the same queries on both databases."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from news.models import Article
from tests.factories import ArticleFactory, satker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def titles(response):
    return [article.title for article in response.context["object_list"]]


def test_indonesian_stemming_finds_other_forms_of_a_word(client):
    ArticleFactory(title="Sosialisasi", body="<p>Pemilih pemula diajak memilih.</p>")
    assert titles(client.get(reverse("news:search"), {"q": "pemilihan"})) == ["Sosialisasi"]


def test_a_match_in_the_title_ranks_above_a_match_in_the_body(client):
    ArticleFactory(title="Rapat koordinasi", body="<p>Membahas logistik pemilu.</p>")
    ArticleFactory(title="Logistik pemilu tiba", body="<p>Kotak suara.</p>")
    assert titles(client.get(reverse("news:search"), {"q": "logistik"})) == ["Logistik pemilu tiba", "Rapat koordinasi"]


def test_rows_inserted_in_bulk_are_searchable_at_once(client):
    Article.objects.bulk_create(
        [
            Article(
                satker=satker("kota-kediri"),
                title="Masuk Massal",
                slug="masuk-massal",
                status="published",
                published_at="2024-01-01T00:00:00Z",
                body="<p>Rekapitulasi suara kecamatan.</p>",
            )
        ]  # fmt: skip
    )
    assert titles(client.get(reverse("news:search"), {"q": "rekapitulasi"})) == ["Masuk Massal"]


def test_words_inside_html_tags_are_not_indexed(client):
    ArticleFactory(title="Biasa", body='<p><a href="https://contoh.test/rahasiaku">tautan</a></p>')
    assert titles(client.get(reverse("news:search"), {"q": "rahasiaku"})) == []


def test_search_syntax_quotes_and_exclusion(client):
    ArticleFactory(title="Debat kandidat", body="<p>Debat publik kandidat bupati.</p>")
    ArticleFactory(title="Debat terbuka", body="<p>Debat terbuka partai.</p>")
    assert titles(client.get(reverse("news:search"), {"q": "debat -kandidat"})) == ["Debat terbuka"]


def test_past_the_window_the_page_says_it_ranks_the_newest_and_a_year_moves_the_window(client, monkeypatch):
    from news.public import search, views

    monkeypatch.setattr(search, "WINDOW", 2)
    monkeypatch.setattr(views, "WINDOW", 2)
    for year in (2019, 2023, 2024, 2025):
        ArticleFactory(title=f"Alokasi kursi {year}", published_at=datetime(year, 3, 1, tzinfo=UTC))
    response = client.get(reverse("news:search"), {"q": "kursi"})
    assert "Menampilkan 2 hasil terbaru; persempit dengan tahun." in response.text
    assert sorted(titles(response)) == ["Alokasi kursi 2024", "Alokasi kursi 2025"]
    assert titles(client.get(reverse("news:search"), {"q": "kursi", "tahun": 2019})) == ["Alokasi kursi 2019"]


def test_entities_in_the_body_are_not_indexed_as_words(client):
    """PostgreSQL's parser reads &nbsp; &amp; &lt; as entity tokens, which no dictionary indexes."""
    ArticleFactory(title="Rapat", body="<p>Rapat&nbsp;pleno KPU &amp; Bawaslu, nilai &lt; 5.</p>")
    search = reverse("news:search")
    assert titles(client.get(search, {"q": "pleno bawaslu"})) == ["Rapat"]
    for entity_word in ("nbsp", "amp", "lt"):
        assert titles(client.get(search, {"q": entity_word})) == [], entity_word
