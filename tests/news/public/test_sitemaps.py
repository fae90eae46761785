"""Sitemap index, sections, the Google News sitemap and robots.txt."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from tests.budgets import SITEMAP_INDEX
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


def xml(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind(".//s:loc", NS)]


def test_sitemap_index_lists_its_sections(client):
    ArticleFactory()
    root = xml(client, reverse("sitemap"), **KEDIRI)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert "http://kota-kediri.kpu.go.id/sitemap-berita.xml" in locations(root)


def test_satker_sitemap_lists_its_published_articles_on_its_own_host(client):
    article = ArticleFactory(satker=satker("kota-kediri"))
    ArticleFactory(satker=satker("kota-kediri"), status=Status.DRAFT)
    ArticleFactory(satker=satker("kab-kediri"))
    urls = locations(xml(client, reverse("sitemap_section", args=["berita"]), **KEDIRI))
    assert urls == [f"http://kota-kediri.kpu.go.id{article.get_absolute_url()}"]


def test_portal_sitemap_lists_articles_of_satker_without_a_domain_and_every_profile(client):
    maluku = ArticleFactory(satker=satker("prov-maluku"))
    ArticleFactory(satker=satker("kota-kediri"))
    urls = locations(xml(client, reverse("sitemap_section", args=["berita"])))
    assert urls == [f"http://testserver{maluku.get_absolute_url()}"]
    assert len(locations(xml(client, reverse("sitemap_section", args=["satker"])))) == 553


def test_sitemap_pages_split_past_the_limit(client, monkeypatch):
    from news.public import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()
    root = xml(client, reverse("sitemap"), **KEDIRI)
    assert sum("sitemap-berita.xml" in url for url in locations(root)) == 3
    assert len(locations(xml(client, reverse("sitemap_section", args=["berita"]) + "?p=3", **KEDIRI))) == 1
    assert client.get(reverse("sitemap_section", args=["berita"]) + "?p=9", **KEDIRI).status_code == 404


def test_news_sitemap_holds_the_last_two_days(client):
    fresh = ArticleFactory(title="Baru & Segar")
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    root = xml(client, reverse("news_sitemap"), **KEDIRI)
    assert locations(root) == [fresh.get_canonical_url()]
    assert root.find(".//n:title", NS).text == "Baru & Segar"
    assert root.find(".//n:language", NS).text == "id"


def test_robots_txt_points_to_the_sitemaps(client):
    response = client.get(reverse("robots_txt"), **KEDIRI)
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://kota-kediri.kpu.go.id/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text


def test_sitemap_index_needs_few_queries(client, django_assert_max_num_queries):
    for _ in range(10):
        ArticleFactory()
    with django_assert_max_num_queries(SITEMAP_INDEX):
        root = xml(client, reverse("sitemap"))
    assert reverse("sitemap_section", args=["berita"]) in " ".join(locations(root))
