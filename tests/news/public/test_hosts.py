"""One deployment, 553 sites: the Host header picks the satker site."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "kpu-kedirikab.go.id", "testserver"]
    settings.SITE_URL = "https://portal.kpu.go.id"


def test_a_satker_domain_serves_that_satkers_site(client):
    ArticleFactory(title="Berita Jawa Timur", satker=satker("prov-jawa-timur"))
    ArticleFactory(title="Berita Kota Kediri", satker=satker("kota-kediri"))
    ArticleFactory(title="Berita Bandung", satker=satker("kota-bandung"))
    page = client.get(reverse("home"), HTTP_HOST="jatim.kpu.go.id").text
    assert '<span class="brand-text">KPU Provinsi Jawa Timur</span>' in page
    assert "Berita Kota Kediri" in page and "Berita Jawa Timur" in page
    assert "Berita Bandung" not in page


def test_a_kabupaten_site_lists_only_its_own_news(client):
    ArticleFactory(title="Kota", satker=satker("kota-kediri"))
    ArticleFactory(title="Provinsi", satker=satker("prov-jawa-timur"))
    response = client.get(reverse("news:article_list"), HTTP_HOST="kota-kediri.kpu.go.id")
    assert [article.title for article in response.context["object_list"]] == ["Kota"]


def test_an_alias_domain_serves_the_same_site(client):
    kediri = satker("kab-kediri")
    kediri.alias_domains = "kpu-kedirikab.go.id"
    kediri.save()
    page = client.get(reverse("home"), HTTP_HOST="kpu-kedirikab.go.id").text
    assert "KPU Kabupaten Kediri" in page


def test_the_main_host_serves_the_national_portal(client):
    ArticleFactory(title="Kota", satker=satker("kota-kediri"))
    ArticleFactory(title="Bandung", satker=satker("kota-bandung"))
    response = client.get(reverse("news:article_list"))
    assert sorted(article.title for article in response.context["object_list"]) == ["Bandung", "Kota"]


def test_an_unknown_host_is_refused(client):
    assert client.get(reverse("home"), HTTP_HOST="evil.example").status_code == 400


def test_canonical_and_share_links_use_the_satkers_own_domain(client):
    article = ArticleFactory(satker=satker("kota-kediri"))
    page = client.get(article.get_absolute_url()).text
    canonical = f"https://kota-kediri.kpu.go.id{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert f'<meta property="og:url" content="{canonical}">' in page


def test_satker_without_a_domain_uses_the_portal(client):
    article = ArticleFactory(satker=satker("prov-maluku"))
    assert article.get_canonical_url() == f"https://portal.kpu.go.id{article.get_absolute_url()}"


def test_a_satker_feed_on_its_domain_is_its_own(client):
    import feedparser

    ArticleFactory(title="Kota", satker=satker("kota-kediri"))
    ArticleFactory(title="Bandung", satker=satker("kota-bandung"))
    feed = feedparser.parse(client.get(reverse("news:feed"), HTTP_HOST="kota-kediri.kpu.go.id").content)
    assert [entry.title for entry in feed.entries] == ["Kota"]


def test_changing_a_domain_in_the_admin_takes_effect_at_once(client):
    kediri = satker("kota-kediri")
    kediri.domain = "kota-kediri-baru.kpu.go.id"
    kediri.save()
    page = client.get(reverse("home"), HTTP_HOST="kota-kediri-baru.kpu.go.id").text
    assert "KPU Kota Kediri" in page
