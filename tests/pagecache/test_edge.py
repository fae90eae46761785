"""What public pages tell the edge (their tags, until when it may keep them) and which purges a
change sends, with a recording purger; the real Varnish is in tests/servers/test_edge.py."""

import datetime
import email.utils
import http.server
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from pagecache import edge
from pagecache.generations import key_for, own_key
from pagecache.models import PendingPurge
from pagecache.purgers import VarnishPurger
from satker.directory_cache import GENERATION_KEY as EVERY_PAGE_TAG
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
WIB = datetime.timezone(datetime.timedelta(hours=7))


class RecordingPurger:
    enabled = True
    purges = []

    def purge(self, tags):
        self.purges.append(set(tags))


@pytest.fixture
def purges(settings):
    settings.EDGE_PURGER = "tests.pagecache.test_edge.RecordingPurger"
    settings.PAGE_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["*"]
    edge.forget_waiting()  # tags of earlier tests, whose transactions were rolled back
    RecordingPurger.purges = []
    return RecordingPurger.purges


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
    response = client.get("/", HTTP_HOST=papua.domain)
    assert edge_expiry(response) == datetime.datetime(
        2026, 12, 4, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9))
    )
    settings.EDGE_TTL_SECONDS = 3600
    response = client.get(reverse("news:article_list") + "?page=1")
    assert edge_expiry(response) == timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)


def test_a_scheduled_article_limits_how_long_the_pages_that_will_list_it_are_kept(client, purges, midday):
    kediri, bandung = satker("kota-kediri"), satker("kota-bandung")
    due = timezone.now() + datetime.timedelta(minutes=10)
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
