"""What public pages tell the edge (their tags, until when it may keep them) and which purges a
change sends, with a recording purger; the real Varnish is in tests/servers/test_edge.py."""

import datetime
import email.utils
import http.server
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from news.models import Division, Status, Tag
from news.pages.models import Page
from pagecache import edge, generations
from pagecache.generations import key_for, own_key
from pagecache.models import PendingPurge
from pagecache.purgers import VarnishPurger, keep_pending
from satker.directory_cache import GENERATION_KEY as EVERY_PAGE_TAG
from satker.models import ServiceLink
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
WIB = datetime.timezone(datetime.timedelta(hours=7))


class RecordingPurger:
    """Records each purge's tags, and the generations they had when it was sent."""

    enabled = True
    purges = []
    generations_then = []

    def purge(self, tags):
        self.purges.append(set(tags))
        self.generations_then.append(cache.get_many(list(tags)))


def wait_for_later_purges():
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.join()


@pytest.fixture
def purges(settings, monkeypatch):
    # A directory change purges again CHECK_SECONDS + 1 later: here at once, and over by the end.
    monkeypatch.setattr("pagecache.generations.CHECK_SECONDS", -0.8)
    settings.EDGE_PURGER = "tests.pagecache.test_edge.RecordingPurger"
    settings.PAGE_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["*"]
    RecordingPurger.purges = []
    RecordingPurger.generations_then = []
    yield RecordingPurger.purges
    wait_for_later_purges()


@pytest.fixture
def midday():
    """12:00 WIB, so that midnight is twelve hours away."""
    with time_machine.travel(datetime.datetime(2026, 12, 3, 12, 0, tzinfo=WIB)) as traveller:
        yield traveller


def edge_expiry(response):
    return email.utils.parsedate_to_datetime(response[edge.EXPIRES_HEADER])


def test_without_an_edge_pages_carry_no_edge_headers(client):
    response = client.get(ArticleFactory().get_absolute_url())
    assert "xkey" not in response
    assert edge.EXPIRES_HEADER not in response
    assert response["Cache-Control"] == "public, max-age=60"


def test_an_article_page_is_tagged_with_its_own_satker_and_the_directory(client, purges, midday):
    article = ArticleFactory(satker=satker("kota-kediri"))
    response = client.get(article.get_absolute_url())
    assert set(response["xkey"].split()) == {own_key(satker("kota-kediri").pk), EVERY_PAGE_TAG}
    assert response["Cache-Control"] == "public, max-age=60"  # browsers still ask again after a minute


def test_a_satker_site_is_tagged_with_its_site(client, purges, midday):
    site = satker("kota-kediri")
    response = client.get("/", HTTP_HOST=site.domain)
    assert set(response["xkey"].split()) == {key_for(site.pk), EVERY_PAGE_TAG}


def test_the_edge_keeps_a_page_until_midnight_in_the_sites_zone_at_most(client, purges, settings, midday):
    settings.EDGE_TTL_SECONDS = 24 * 3600
    papua = satker("prov-papua")  # WIT: midnight comes two hours before Jakarta's
    response = client.get("/berita/", HTTP_HOST=papua.domain)
    assert edge_expiry(response) == datetime.datetime(
        2026, 12, 4, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9))
    )
    settings.EDGE_TTL_SECONDS = 3600
    response = client.get(reverse("news:article_list") + "?page=1")
    assert edge_expiry(response) == timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)


def test_a_scheduled_article_limits_how_long_the_pages_that_will_list_it_are_kept(client, purges, midday):
    kediri, bandung = satker("kota-kediri"), satker("kota-bandung")
    due = timezone.now() + datetime.timedelta(minutes=5)
    ArticleFactory(satker=kediri, title="Terjadwal", published_at=due)
    for host in (kediri.domain, satker("prov-jawa-timur").domain, "testserver"):
        assert edge_expiry(client.get("/", HTTP_HOST=host)) == due.replace(microsecond=0), host
    # Another province's site and another satker's article pages will not list it.
    assert edge_expiry(client.get("/", HTTP_HOST=bandung.domain)) > due
    other = ArticleFactory(satker=bandung)
    assert edge_expiry(client.get(other.get_absolute_url())) > due


def test_a_scheduled_article_appears_on_time_from_the_page_cache(client, purges, midday):
    due = timezone.now() + datetime.timedelta(seconds=30)
    ArticleFactory(title="Tepat Waktu", published_at=due, satker=satker("kota-kediri"))
    assert "Tepat Waktu" not in client.get("/", HTTP_HOST=satker("kota-kediri").domain).text
    midday.shift(31)
    assert "Tepat Waktu" in client.get("/", HTTP_HOST=satker("kota-kediri").domain).text


def test_editors_pages_are_not_tagged(admin_client, purges):
    response = admin_client.get(ArticleFactory().get_absolute_url())
    assert "xkey" not in response


def test_a_tag_list_too_long_for_a_header_falls_back_to_the_tag_every_page_carries(settings):
    settings.EDGE_TAGS_MAX_LENGTH = 20
    assert edge.tags_value(["news:generation:1", "news:generation:2"]) == EVERY_PAGE_TAG
    settings.EDGE_TAGS_MAX_LENGTH = 4000
    assert edge.tags_value(["b", "a"]) == "a b"


def test_a_publication_purges_once_after_the_commit(purges, django_capture_on_commit_callbacks):
    kediri = satker("kota-kediri")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(satker=kediri, status=Status.DRAFT)
        article.status = Status.PUBLISHED
        article.save()
        assert purges == []  # nothing at the edge before the rows are committed
    assert len(purges) == 1
    tags = purges[0]
    assert {own_key(kediri.pk), key_for(kediri.pk), key_for(satker("prov-jawa-timur").pk), key_for("ri")} <= tags
    assert key_for(satker("kota-bandung").pk) not in tags


def test_many_changes_in_one_transaction_send_one_purge(purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("kota-kediri", "kota-bandung", "prov-papua"):
            ArticleFactory(satker=satker(slug))
    assert len(purges) == 1
    assert {own_key(satker(slug).pk) for slug in ("kota-kediri", "kota-bandung", "prov-papua")} <= purges[0]


class FakeVarnish(http.server.ThreadingHTTPServer):
    """Answers PURGE with 200 (or `status`), recording the tags."""

    def __init__(self):
        self.received, self.status = [], 200
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):
                server.received.append(self.headers["xkey-purge"])
                self.send_response(server.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def varnish():
    server = FakeVarnish()
    yield server
    server.shutdown()
    server.server_close()


def unused_url():
    server = FakeVarnish()
    url = server.url
    server.shutdown()
    server.server_close()
    return url


def test_varnish_gets_the_tags_on_every_server(varnish):
    other = FakeVarnish()
    VarnishPurger([varnish.url, other.url]).purge({"news:own:7", "news:generation:7"})
    assert varnish.received == other.received == ["news:generation:7 news:own:7"]
    assert not PendingPurge.objects.exists()
    other.shutdown()


def test_a_purge_a_varnish_refuses_or_misses_is_kept_and_sent_when_it_is_back(varnish, monkeypatch):
    monkeypatch.setattr("pagecache.purgers.retrier.wake", lambda purger: None)  # sent by hand here
    away = unused_url()
    varnish.status = 403
    purger = VarnishPurger([varnish.url, away], timeout=0.5)
    purger.purge({"news:own:7"})
    assert set(PendingPurge.objects.values_list("target", "tag")) == {(varnish.url, "news:own:7"), (away, "news:own:7")}
    varnish.status = 200
    assert purger.deliver_pending() is False  # one is still away
    assert varnish.received[-1] == "news:own:7"
    assert list(PendingPurge.objects.values_list("target", flat=True)) == [away]


def test_too_many_waiting_purges_declare_the_whole_cache_stale(settings, monkeypatch):
    monkeypatch.setattr("pagecache.purgers.retrier.wake", lambda purger: None)
    settings.EDGE_PENDING_MAX_TAGS = 3
    away = unused_url()
    VarnishPurger([away], timeout=0.5).purge({f"news:own:{n}" for n in range(5)})
    assert list(PendingPurge.objects.values_list("tag", flat=True)) == [EVERY_PAGE_TAG]


def test_purge_edge_sends_what_waits_and_can_purge_everything(settings, varnish):
    settings.EDGE_VARNISH_URLS = [varnish.url]
    settings.EDGE_PURGER = "pagecache.purgers.VarnishPurger"
    PendingPurge.objects.create(target=varnish.url, tag="news:own:9")
    call_command("purge_edge")
    assert varnish.received == ["news:own:9"]
    call_command("purge_edge", "--everything")
    assert varnish.received[-1] == EVERY_PAGE_TAG
    assert not PendingPurge.objects.exists()


def test_purge_edge_says_when_no_edge_is_configured():
    with pytest.raises(CommandError, match="No edge is configured"):
        call_command("purge_edge")


def test_the_edge_costs_one_query_on_a_first_render_and_none_after(
    client, purges, settings, django_assert_max_num_queries
):
    from tests.budgets import ARTICLE_PAGE, EDGE_FIRST_RENDER

    article = ArticleFactory(satker=satker("kota-kediri"))
    with django_assert_max_num_queries(ARTICLE_PAGE + EDGE_FIRST_RENDER):
        client.get(article.get_absolute_url())
    settings.PAGE_CACHE_SECONDS = 0  # rendered again: the next publication's time is remembered
    with django_assert_max_num_queries(ARTICLE_PAGE):
        assert "xkey" in client.get(article.get_absolute_url())


def test_the_purge_goes_after_every_key_of_the_transaction_moved_for_the_last_time(
    purges, django_capture_on_commit_callbacks
):
    """A purge sent between two moves would let the edge fetch a page cached under a
    generation about to move, and keep it for hours."""
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(satker=satker("kota-kediri"))
        ArticleFactory(satker=satker("kota-bandung"))
    assert len(purges) == 1
    assert RecordingPurger.generations_then[0] == cache.get_many(list(purges[0]))


def test_a_home_page_showing_the_most_viewed_is_kept_ten_minutes_at_most(client, purges, midday):
    home = client.get("/", HTTP_HOST=satker("kota-kediri").domain)
    assert edge_expiry(home) == timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=10)


def test_a_national_change_purges_every_site_in_pieces_not_every_page(settings, varnish):
    """KPU RI's news shows on all 553 sites: 555 tags, more than one header takes. Sent in pieces,
    so the other satker's article pages stay at the edge."""
    settings.EDGE_TAGS_MAX_LENGTH = 400
    tags = generations.keys_shown_by([satker("ri").pk])
    VarnishPurger([varnish.url]).purge(tags)
    received = [tag for chunk in varnish.received for tag in chunk.split()]
    assert len(varnish.received) > 1 and all(len(chunk) <= 400 for chunk in varnish.received)
    assert sorted(received) == sorted(tags)
    assert EVERY_PAGE_TAG not in received and own_key(satker("kota-kediri").pk) not in received


def test_a_purge_failing_again_while_the_retrier_delivers_is_kept(varnish, monkeypatch):
    monkeypatch.setattr("pagecache.purgers.retrier.wake", lambda purger: None)
    purger = VarnishPurger([varnish.url], timeout=0.5)
    PendingPurge.objects.create(target=varnish.url, tag="news:own:7")
    send_everywhere = purger.send_everywhere

    def send_while_another_change_fails(tags_by_url):
        results = send_everywhere(tags_by_url)
        keep_pending([varnish.url], ["news:own:7"])  # the same tag, from a newer change: failed too
        return results

    monkeypatch.setattr(purger, "send_everywhere", send_while_another_change_fails)
    assert purger.deliver_pending() is False
    assert PendingPurge.objects.filter(tag="news:own:7").exists()


def test_changes_outside_articles_purge_what_shows_them(purges, django_capture_on_commit_callbacks):
    kediri = satker("kota-kediri")
    article = ArticleFactory(satker=kediri, tags=["pemilu"], divisions=[Division.objects.first()])
    with django_capture_on_commit_callbacks(execute=True):
        tag = Tag.objects.get(name="pemilu")
        tag.name = "Pemilu 2029"
        tag.save()
    assert own_key(kediri.pk) in purges[-1]  # the article's page shows the tag's name
    with django_capture_on_commit_callbacks(execute=True):
        division = article.divisions.first()
        division.name = "Divisi Baru"
        division.save()
    assert EVERY_PAGE_TAG in purges[-1]  # divisions are national: every page
    wait_for_later_purges()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.create(satker=satker("prov-jawa-timur"), title="Maklumat", status=Status.PUBLISHED)
    # Kediri's article pages show Jawa Timur's menu when read on its site.
    assert own_key(kediri.pk) in purges[-1]


def test_a_footer_link_change_purges_every_page_now_and_once_more_a_little_later(
    purges, settings, django_capture_on_commit_callbacks
):
    """Other app servers notice a directory change within a second (CHECK_SECONDS): what they
    render before that is the old footer, and is purged by the second purge."""
    with django_capture_on_commit_callbacks(execute=True):
        ServiceLink.objects.create(satker=satker("kota-kediri"), label="Cek DPT", url="https://cekdpt.kpu.go.id/")
    assert EVERY_PAGE_TAG in purges[-1]
    count = len(purges)
    wait_for_later_purges()
    assert len(purges) == count + 1 and purges[-1] == {EVERY_PAGE_TAG}
