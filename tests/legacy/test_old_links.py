"""Old links of the satker sites keep working: 301 to the new canonical URL, else the 404."""

import pytest
from django.urls import reverse

from legacy.links import remember
from legacy.models import OldLink
from news.models import Article, Status
from tests.budgets import OLD_LINK_REDIRECT
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}
BANDUNG = {"HTTP_HOST": "kota-bandung.kpu.go.id"}


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    settings.SITE_URL = "https://portal.kpu.go.id"


@pytest.fixture
def article():
    article = ArticleFactory(title="Bimtek KPPS", satker=satker("kota-kediri"))
    remember(article, "https://kota-kediri.kpu.go.id/berita/baca/4321/bimtek-kpps-kota-kediri")
    remember(article, "https://kota-kediri.kpu.go.id/blog/read/777_bimtek-kpps")
    remember(article, "https://kota-kediri.kpu.go.id/?p=55")
    remember(article, "https://kota-kediri.kpu.go.id/2023/08/07/bimtek-kpps/")
    return article


@pytest.mark.parametrize(
    "old",
    [
        "/berita/baca/4321/bimtek-kpps-kota-kediri",
        "/berita/baca/4321/slug-yang-terpotong",
        "/berita/baca/4321",
        "/index.php/berita/baca/4321/bimtek-kpps-kota-kediri",
        "/blog/read/777_bimtek-kpps",
        "/?p=55",
        "/2023/08/07/bimtek-kpps/",
        "/2023/08/07/bimtek-kpps",
    ],
)
def test_each_old_url_form_redirects_permanently_to_the_article(client, article, old, django_assert_max_num_queries):
    with django_assert_max_num_queries(OLD_LINK_REDIRECT):
        response = client.get(old, **KEDIRI)
    assert response.status_code == 301
    assert response["Location"] == f"https://kota-kediri.kpu.go.id{article.get_absolute_url()}"


def test_the_same_path_on_another_satkers_domain_is_a_404(client, article):
    response = client.get("/berita/baca/4321/bimtek-kpps-kota-kediri", **BANDUNG)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


def test_on_the_national_portal_old_paths_are_a_404(client, article):
    assert client.get("/berita/baca/4321/x").status_code == 404


@pytest.mark.parametrize(
    "old", ["/berita/baca/abc/x", "/berita/baca/99999999999999999999/x", "/blog/read/12%00_x", "/?p=1e9", "/?p=-1"]
)
def test_odd_old_urls_are_a_404_or_the_home_page_never_a_500(client, old):
    response = client.get(old, **KEDIRI)
    assert response.status_code in (200, 404)


def test_an_unknown_old_id_is_the_normal_404(client, article):
    assert client.get("/berita/baca/9/lain", **KEDIRI).status_code == 404


def test_an_old_link_to_an_unpublished_article_is_a_404(client, article):
    article.status = Status.DRAFT
    article.save()
    assert client.get("/berita/baca/4321/x", **KEDIRI).status_code == 404


def test_old_category_listings_redirect_to_the_matching_listing(client):
    response = client.get("/index.php/blog/category/104?page=86", **KEDIRI)
    assert response.status_code == 301
    assert response["Location"] == reverse("news:article_list")
    assert client.get("/blog/category/96", **KEDIRI)["Location"] == reverse("news:article_list") + "?jenis=berita"
    assert client.get("/index.php/blog/category/5555", **KEDIRI).status_code == 404


def test_a_renamed_published_article_keeps_its_old_url(client):
    article = ArticleFactory(title="Judul Lama", satker=satker("kota-kediri"))
    old_url = article.get_absolute_url()
    article = Article.objects.get(pk=article.pk)
    article.slug = "judul-baru"
    article.save()
    response = client.get(old_url, **KEDIRI)
    assert response.status_code == 301
    assert response["Location"].endswith("/berita/kota-kediri/judul-baru/")
    assert client.get(article.get_absolute_url(), **KEDIRI).status_code == 200


def test_renaming_a_draft_keeps_no_redirect():
    article = ArticleFactory(status=Status.DRAFT, title="Draf")
    article = Article.objects.get(pk=article.pk)
    article.slug = "draf-baru"
    article.save()
    assert not OldLink.objects.exists()


def test_remembering_twice_keeps_one_row(article):
    remember(article, "https://kota-kediri.kpu.go.id/berita/baca/4321/bimtek-kpps-kota-kediri")
    assert OldLink.objects.filter(key="berita:4321").count() == 1
