"""Election night at the edge: the shipped Varnish configuration in front of two gunicorn servers,
PostgreSQL and Redis. Readers are answered by Varnish; every change an editor makes shows through
it at once, on every page it touches and on no other; Django away, readers get the last page."""

import time

import pytest
import redis
from django.db import connection
from django.utils import timezone

from news.models import Article, Status, Tag
from news.newsroom.tags import merge_tags
from pagecache.models import PendingPurge
from tests.factories import ArticleFactory, satker
from tests.servers import edge as varnish_edge
from tests.servers.apps import app_servers, free_port, share_cache

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="servers share a PostgreSQL database"),
]
REDIS_URL = "redis://127.0.0.1:6379/14"
NATIONAL = "www.kpu.go.id"
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"


class Edge:
    def __init__(self, varnish, apps):
        self.varnish, self.apps = varnish, apps

    def read(self, host, path):
        headers = {"Host": host, "X-Forwarded-Proto": "https", "User-Agent": BROWSER}
        return varnish_edge.request(self.varnish.url, path, headers=headers)

    def cached(self, host, path):
        """Read twice: the second answer is Varnish's own copy."""
        self.read(host, path)
        return self.read(host, path)


@pytest.fixture
def site(directory, settings, tmp_path):
    share_cache(settings, REDIS_URL)
    port = free_port()
    varnish_url = f"http://127.0.0.1:{port}"
    # This test process is the editors' app server: its saves purge the same Varnish.
    settings.EDGE_VARNISH_URLS = [varnish_url]
    settings.EDGE_PURGER = "pagecache.purgers.VarnishPurger"
    varnish_edge.require_varnishd()
    env = {"KPU_EDGE_VARNISH_URLS": varnish_url, "DJANGO_ALLOWED_HOSTS": ".go.id,127.0.0.1"}
    with (
        app_servers(REDIS_URL, tmp_path / "static", **env) as apps,
        varnish_edge.running([("127.0.0.1", app.port) for app in apps], port=port) as varnish,
    ):
        yield Edge(varnish, apps)
    redis.Redis.from_url(REDIS_URL).flushdb()


def save_timed(article):
    started = time.monotonic()
    article.save()
    return time.monotonic() - started


def test_a_readers_second_request_is_answered_by_varnish_without_the_edges_headers(site):
    article = ArticleFactory(satker=satker("kota-kediri"))
    first = site.read(satker("kota-kediri").domain, article.get_absolute_url())
    second = site.read(satker("kota-kediri").domain, article.get_absolute_url())
    assert (first.status, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status, second.headers["X-Cache"]) == (200, "HIT")
    assert second.text == first.text
    assert second.headers["Cache-Control"] == "public, max-age=60"
    assert second.headers["xkey"] is None and second.headers["X-Edge-Expires"] is None


def test_every_change_shows_at_once_on_the_pages_it_touches_and_no_other(site):
    kediri, jatim, bandung = satker("kota-kediri"), satker("prov-jawa-timur"), satker("kota-bandung")
    article = ArticleFactory(satker=kediri, title="Rapat Pleno Terbuka", tags=["pleno"])
    elsewhere = ArticleFactory(satker=bandung, title="Sosialisasi di Bandung")
    touched = {
        "satker home": (kediri.domain, "/"),
        "province listing": (jatim.domain, "/berita/"),
        "national home": (NATIONAL, "/"),
        "national listing": (NATIONAL, "/berita/"),
        "tag page": (NATIONAL, "/tag/pleno/"),
        "satker feed": (kediri.domain, "/berita/rss/"),
        "national feed": (NATIONAL, "/berita/rss/"),
        "sitemap": (kediri.domain, "/sitemap-berita.xml"),
    }
    untouched = [(bandung.domain, "/"), (bandung.domain, elsewhere.get_absolute_url())]
    for host, path in [*touched.values(), *untouched, (kediri.domain, article.get_absolute_url())]:
        assert site.cached(host, path).headers["X-Cache"] == "HIT", path

    # Publish: every listing, feed and sitemap that will show it, on the first read after the save.
    draft = ArticleFactory(satker=kediri, status=Status.DRAFT, title="Penetapan DPT Kota Kediri", tags=["pleno"])
    draft.status = Status.PUBLISHED
    assert save_timed(draft) < 1.0
    for name, (host, path) in touched.items():
        answer = site.read(host, path)
        shown = draft.get_absolute_url() if name == "sitemap" else "Penetapan DPT Kota Kediri"
        assert shown in answer.text, name
    for host, path in untouched:  # another province's satker: still Varnish's copy
        assert site.read(host, path).headers["X-Cache"] == "HIT", path

    # Edit: the article page itself.
    draft = Article.objects.get(pk=draft.pk)
    site.cached(kediri.domain, draft.get_absolute_url())
    draft.title = "Penetapan DPT Kota Kediri (Diperbarui)"
    assert save_timed(draft) < 1.0
    assert "Penetapan DPT Kota Kediri (Diperbarui)" in site.read(kediri.domain, draft.get_absolute_url()).text

    # Withdraw: gone from the listings, its page says so.
    draft.withdrawn_at = timezone.now()
    draft.save()
    assert "Diperbarui" not in site.read(kediri.domain, "/").text
    assert "ditarik" in site.read(kediri.domain, draft.get_absolute_url()).text.lower()

    # Unpublish: gone from the satker's listing and feed.
    assert "Rapat Pleno Terbuka" in site.cached(kediri.domain, "/berita/rss/").text
    article.status = Status.DRAFT
    article.save()
    assert "Rapat Pleno Terbuka" not in site.read(kediri.domain, "/berita/rss/").text
    assert "Rapat Pleno Terbuka" not in site.read(kediri.domain, "/").text

    # Merge tags: the surviving tag's page lists what the merged one had.
    ArticleFactory(satker=kediri, title="Rekapitulasi Suara", tags=["rapat-pleno"])
    assert "Rekapitulasi Suara" not in site.cached(NATIONAL, "/tag/pleno/").text
    merge_tags(Tag.objects.get(name="pleno"), [Tag.objects.get(name="rapat-pleno")])
    assert "Rekapitulasi Suara" in site.read(NATIONAL, "/tag/pleno/").text
    for host, path in untouched:
        assert site.read(host, path).headers["X-Cache"] == "HIT", path


def test_a_scheduled_article_appears_through_the_edge_on_time(site):
    kediri = satker("kota-kediri")
    ArticleFactory(satker=kediri, title="Sudah Tayang")
    due = timezone.now() + timezone.timedelta(seconds=4)
    ArticleFactory(satker=kediri, title="Tayang Terjadwal", published_at=due)
    answer = site.cached(kediri.domain, "/")
    assert answer.headers["X-Cache"] == "HIT"
    assert "Tayang Terjadwal" not in answer.text
    while timezone.now() < due:
        time.sleep(0.2)
    time.sleep(1.0)  # within a few seconds of its time: one second here
    assert "Tayang Terjadwal" in site.read(kediri.domain, "/").text
    assert "Tayang Terjadwal" in site.read(NATIONAL, "/berita/").text


def test_with_django_stopped_readers_get_the_last_page_not_an_error(site):
    kediri = satker("kota-kediri")
    article = ArticleFactory(satker=kediri, title="Hasil Rekapitulasi")
    site.cached(kediri.domain, "/")
    site.cached(kediri.domain, article.get_absolute_url())
    for app in site.apps:
        app.stop()
    article.title = "Hasil Rekapitulasi (Koreksi)"
    article.save()  # purged while Django is away: the old copy is all there is
    for path in ("/", article.get_absolute_url()):
        answer = site.read(kediri.domain, path)
        assert answer.status == 200, path
        assert "Hasil Rekapitulasi" in answer.text
    never_cached = site.read(kediri.domain, "/berita/?page=2")
    assert never_cached.status == 503
    assert "coba lagi" in never_cached.text.lower()  # a friendly page in Bahasa Indonesia
    for app in site.apps:
        app.start()
    time.sleep(3)  # the health probe sees them back
    assert "Hasil Rekapitulasi (Koreksi)" in site.read(kediri.domain, article.get_absolute_url()).text


def test_a_purge_varnish_missed_is_not_lost(site):
    kediri = satker("kota-kediri")
    article = ArticleFactory(satker=kediri, title="Jadwal Lama")
    site.varnish.stop()
    article.title = "Jadwal Baru"
    assert save_timed(article) < 2.0  # the editor's save does not wait on a missing Varnish
    assert PendingPurge.objects.filter(tag__startswith="news:own:").exists()
    site.varnish.start()
    deadline = time.monotonic() + 10
    while PendingPurge.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not PendingPurge.objects.exists()  # sent again by this process's retrier once back
    assert "Jadwal Baru" in site.read(kediri.domain, article.get_absolute_url()).text
