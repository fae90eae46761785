"""The article page reads only what it shows: the satker from the in-memory directory (no
join), never the search vector, and the body of its own article only (news/public/views.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.templatetags.news import card_lead
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def article_with_neighbours():
    now = timezone.now()
    division = DivisionFactory()
    ArticleFactory(title="Yang Lebih Lama", published_at=now - timedelta(days=3), divisions=[division])
    article = ArticleFactory(title="Yang Sekarang", published_at=now - timedelta(days=2), divisions=[division])
    ArticleFactory(title="Yang Lebih Baru", published_at=now - timedelta(days=1), divisions=[division])
    ArticleFactory(title="Terkait dari Bandung", satker=satker("kota-bandung"), divisions=[division])
    return article


def article_queries(client, article):
    client.get(article.get_absolute_url())  # the satker directory is loaded by now
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries if "news_article" in query["sql"]]


def test_article_page_never_reads_the_search_vector_nor_joins_the_satker(client, article_with_neighbours):
    response, queries = article_queries(client, article_with_neighbours)
    assert queries
    for sql in queries:
        assert "search_vector" not in sql
        assert "satker_satker" not in sql
    assert sum('"news_article"."body"' in sql for sql in queries) == 1  # the article's own


def test_links_and_cards_still_show_their_satker(client, article_with_neighbours):
    response, _ = article_queries(client, article_with_neighbours)
    page = response.text
    assert 'rel="prev" href="/berita/kota-kediri/' in page
    assert 'rel="next" class="next" href="/berita/kota-kediri/' in page
    assert page.count('href="/berita/kota-kediri/') >= 4  # related cards: the same satker's news
    assert "Terkait dari Bandung" not in page  # another satker's news is not related here
    assert "KPU Provinsi Jawa Timur" in page  # the breadcrumb's parent, from the directory too


def test_a_renamed_satker_shows_at_once_on_its_articles(client, article_with_neighbours):
    client.get(article_with_neighbours.get_absolute_url())
    kediri = satker("kota-kediri")
    kediri.name = "KPU Kota Kediri (baru)"
    kediri.save()
    assert "KPU Kota Kediri (baru)" in client.get(article_with_neighbours.get_absolute_url()).text


def test_tags_shared_with_other_articles_show_once_in_a_stable_order(client):
    ArticleFactory(tags=["pilkada", "kpps"])
    article = ArticleFactory(tags=["pilkada", "kpps", "bimtek"])
    page = client.get(article.get_absolute_url()).text
    assert page.count('class="chip-tag"') == 3
    assert page.index("#pilkada") < page.index("#kpps") < page.index("#bimtek")  # oldest tag first


def test_an_unknown_satker_in_the_path_is_a_404(client, article_with_neighbours):
    path = article_with_neighbours.get_absolute_url().replace("kota-kediri", "kota-tidak-ada")
    assert client.get(path).status_code == 404


class Card:
    lead = "Rapat pleno " * 20


def test_card_lead_prefers_the_search_snippet_and_cuts_the_lead():
    card = Card()
    assert card_lead(card) == card.lead[:159] + "…"
    card.snippet = "<mark>pleno</mark>"
    assert card_lead(card) == "<mark>pleno</mark>"
    card.snippet, card.lead = "", ""
    assert card_lead(card) == ""


def test_card_lead_keeps_a_lead_of_exactly_160_characters_whole_and_in_nfc():
    card = Card()
    card.lead = "a" * 160
    assert card_lead(card) == card.lead
    card.lead = "e\u0301" * 100  # é as e + combining accent: 200 code points, 100 characters in NFC
    assert card_lead(card) == "\u00e9" * 100


def test_listings_never_read_bodies(client, article_with_neighbours):
    """Cards show the lead: a body can be tens of kilobytes. (Search reads it only inside the SQL
    that makes its snippet.)"""
    year = timezone.localtime(article_with_neighbours.published_at).year  # the article's own WIB year
    for url in ["/berita/", "/berita/?satker=kota-kediri", f"/berita/?tahun={year}"]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        assert article_with_neighbours.title in response.text, url  # the listing is not empty
        article_reads = [
            query["sql"] for query in captured.captured_queries if '"news_article"."title"' in query["sql"]
        ]
        assert article_reads, url
        assert not any('"news_article"."body"' in sql.split(" FROM ")[0] for sql in article_reads), url
