"""RSS and Atom feeds, read back with feedparser as a feed reader would."""

import feedparser
import pytest
from django.urls import reverse

from news.models import Status
from tests.budgets import FEED
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db


def read(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize("name", ["news:feed", "news:feed_atom"])
def test_national_feed_lists_published_news_with_canonical_links(client, name, settings):
    settings.SITE_URL = "https://portal.kpu.go.id"
    article = ArticleFactory(title="Rapat Pleno & DPT", lead="Ringkasan rapat.")
    ArticleFactory(title="Draf", status=Status.DRAFT)
    feed = read(client, reverse(name))
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Rapat Pleno & DPT"]
    assert feed.entries[0].link == f"https://kota-kediri.kpu.go.id{article.get_absolute_url()}"
    assert feed.entries[0].published_parsed is not None


def test_feed_items_carry_the_featured_image_as_enclosure(client, image_file):
    ArticleFactory(featured_image=image_file(), featured_image_alt="Foto")
    entry = read(client, reverse("news:feed")).entries[0]
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/jpeg"
    assert enclosure.href.startswith("https://kota-kediri.kpu.go.id/media/artikel/kota-kediri/")
    assert int(enclosure.length) > 0


def test_satker_feed_includes_its_children(client):
    ArticleFactory(title="Kota Kediri", satker=satker("kota-kediri"))
    ArticleFactory(title="Bandung", satker=satker("kota-bandung"))
    feed = read(client, reverse("news:satker_feed", args=["prov-jawa-timur"]))
    assert [entry.title for entry in feed.entries] == ["Kota Kediri"]
    assert "KPU Provinsi Jawa Timur" in feed.feed.title


def test_division_and_tag_feeds(client):
    division = DivisionFactory()
    ArticleFactory(title="Dengan", divisions=[division], tags=["pleno"])
    ArticleFactory(title="Tanpa")
    for url in [
        reverse("news:division_feed", args=[division.slug]),
        reverse("news:division_feed_atom", args=[division.slug]),
        reverse("news:tag_feed", args=["pleno"]),
        reverse("news:tag_feed_atom", args=["pleno"]),
    ]:
        assert [entry.title for entry in read(client, url).entries] == ["Dengan"]


def test_feed_of_an_unknown_satker_or_tag_is_a_404(client):
    assert client.get(reverse("news:satker_feed", args=["kota-atlantis"])).status_code == 404
    assert client.get(reverse("news:tag_feed", args=["tidak-ada"])).status_code == 404


def test_feed_escapes_hostile_titles(client):
    ArticleFactory(title='<script>alert("x")</script> Judul')
    body = client.get(reverse("news:feed")).content.decode()
    assert "<script>" not in body
    assert feedparser.parse(body).entries[0].title == '<script>alert("x")</script> Judul'


def test_feed_needs_few_queries(client, django_assert_max_num_queries):
    titles = {ArticleFactory(tags=["a", "b"]).title for _ in range(25)}
    with django_assert_max_num_queries(FEED):
        response = client.get(reverse("news:feed"))
    entries = feedparser.parse(response.content).entries
    assert len(entries) == 20 and {entry.title for entry in entries} <= titles
