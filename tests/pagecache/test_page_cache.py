"""The page cache: public pages come from it, and no change to the news is ever shown late."""

import feedparser
import pytest
from django.urls import reverse

from news.models import Article, Status
from satker.models import Role
from tests.factories import ArticleFactory, satker, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


def test_a_second_visit_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    ArticleFactory(title="Sekali Hitung")
    client.get(reverse("home"))
    with django_assert_num_queries(0):
        response = client.get(reverse("home"))
    assert "Sekali Hitung" in response.text


def test_publishing_shows_at_once_on_home_listings_feed_and_sitemap(client):
    draft = ArticleFactory(title="Baru Terbit", status=Status.DRAFT, satker=satker("kota-kediri"))
    urls = [
        reverse("home"),
        reverse("news:article_list"),
        reverse("news:article_list") + "?satker=prov-jawa-timur",
        satker("prov-jawa-timur").get_absolute_url(),
        satker("kota-kediri").get_absolute_url(),
        reverse("news:feed"),
        reverse("news:satker_feed", args=["kota-kediri"]),
    ]
    for url in urls:
        assert "Baru Terbit" not in client.get(url).text
    draft.status = Status.PUBLISHED
    draft.save()
    for url in urls:
        assert "Baru Terbit" in client.get(url).text, url
    sitemap = client.get(reverse("sitemap_section", args=["berita"]), HTTP_HOST="kota-kediri.kpu.go.id").text
    assert draft.get_absolute_url() in sitemap


def test_editing_shows_at_once_on_the_article_page(client):
    article = ArticleFactory(title="Judul Lama")
    client.get(article.get_absolute_url())
    article = Article.objects.get(pk=article.pk)
    article.title = "Judul Baru"
    article.save()
    assert "<h1>Judul Baru</h1>" in client.get(article.get_absolute_url()).text


def test_changing_tags_shows_at_once(client):
    article = ArticleFactory(tags=["lama"])
    client.get(article.get_absolute_url())
    article.tags.add("baru")
    assert "#baru" in client.get(article.get_absolute_url()).text


@pytest.mark.parametrize("change", ["unpublish", "archive", "delete", "reschedule"])
def test_withdrawing_an_article_removes_it_everywhere_at_once(client, change):
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory(title="Akan Ditarik")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Akan Ditarik" in client.get(reverse("home")).text
    feed = [entry.title for entry in feedparser.parse(client.get(reverse("news:feed")).content).entries]
    assert feed == ["Akan Ditarik"]
    if change == "delete":
        article.delete()
    else:
        article.status = {"unpublish": Status.DRAFT, "archive": Status.ARCHIVED}.get(change, Status.PUBLISHED)
        if change == "reschedule":
            article.published_at = timezone.now() + timedelta(days=1)
        article.save()
    assert client.get(url).status_code == 404
    assert "Akan Ditarik" not in client.get(reverse("home")).text
    assert feedparser.parse(client.get(reverse("news:feed")).content).entries == []


def test_a_change_in_one_satker_keeps_other_satkers_pages_cached(client, django_assert_num_queries):
    papua = satker("kota-jayapura").get_absolute_url()
    client.get(papua)
    ArticleFactory(satker=satker("kota-kediri"))
    with django_assert_num_queries(0):
        client.get(papua)


def test_editors_bypass_the_cache(client):
    ArticleFactory(title="Pertama")
    editor = staff_user("editor", "kota-kediri", Role.EDITOR)
    client.force_login(editor)
    client.get(reverse("home"))
    Article.objects.filter(title="Pertama").update(title="Diubah Diam-diam")  # no signal: cache not told
    assert "Diubah Diam-diam" in client.get(reverse("home")).text


def test_preview_is_never_cached(client):
    article = ArticleFactory(status=Status.DRAFT, title="Pratinjau Draf")
    editor = staff_user("editor", "kota-kediri", Role.EDITOR)
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_satker_domain_change_shows_at_once(client):
    client.get(reverse("home"), HTTP_HOST="kota-kediri.kpu.go.id")
    kediri = satker("kota-kediri")
    kediri.name = "KPU Kota Kediri (Baru)"
    kediri.save()
    assert "KPU Kota Kediri (Baru)" in client.get(reverse("home"), HTTP_HOST="kota-kediri.kpu.go.id").text


def test_page_cache_can_be_turned_off(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    ArticleFactory()
    client.get(reverse("home"))
    Article.objects.update(title="Tanpa Cache")
    assert "Tanpa Cache" in client.get(reverse("home")).text


def test_the_page_cache_works_on_redis(client, settings, django_assert_num_queries):
    import redis

    url = "redis://127.0.0.1:6379/14"
    redis.Redis.from_url(url).flushdb()
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}}
    ArticleFactory(title="Dari Redis")
    assert client.get(reverse("home")).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Dari Redis" in response.text
    redis.Redis.from_url(url).flushdb()


def test_an_article_page_stays_cached_while_units_below_publish(client, django_assert_num_queries):
    """On election day the whole country publishes: KPU RI's article pages must not be rendered
    again for each of those, they show only KPU RI's own articles."""
    national = ArticleFactory(satker=satker("ri"), title="Pengumuman KPU RI")
    client.get(national.get_absolute_url())
    ArticleFactory(satker=satker("kota-kediri"))
    ArticleFactory(satker=satker("prov-jawa-timur"))
    with django_assert_num_queries(0):
        assert "Pengumuman KPU RI" in client.get(national.get_absolute_url()).text


def test_a_new_article_of_the_same_satker_shows_at_once_as_next_and_related(client):
    from datetime import timedelta

    from django.utils import timezone

    from news.models import Division

    division = Division.objects.first()
    earlier = ArticleFactory(published_at=timezone.now() - timedelta(hours=1), divisions=[division])
    assert "Berita Sesudahnya" not in client.get(earlier.get_absolute_url()).text
    ArticleFactory(title="Berita Sesudahnya", divisions=[division])
    page = client.get(earlier.get_absolute_url()).text
    assert page.count("Berita Sesudahnya") >= 2  # the "Berikutnya" link and a related card


def test_generations_move_again_when_the_change_is_committed(client, django_capture_on_commit_callbacks):
    """A reader between the save and the commit sees the old rows under the new generation:
    whatever it cached then must be left behind by a second move at commit."""
    from pagecache.generations import generation

    kediri = satker("kota-kediri")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticleFactory(satker=kediri)
        during_transaction = generation(kediri.pk)
    for callback in callbacks:
        callback()
    assert generation(kediri.pk) != during_transaction
