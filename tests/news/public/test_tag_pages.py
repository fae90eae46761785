"""Tag pages and tag feeds exist only for tags that an article public now on the site carries:
a tag that only drafts, scheduled or archived articles (or another satker's articles) carry
answers 404, so its name and its existence stay unknown (issue 15)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from tests.budgets import FEED, LISTING
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db

KEDIRI = "kota-kediri.kpu.go.id"
JATIM = "jatim.kpu.go.id"
BANDUNG = "kota-bandung.kpu.go.id"
TAG_ROUTES = ["news:tag_detail", "news:tag_feed", "news:tag_feed_atom"]


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


def statuses(client, slug, host="testserver"):
    return [client.get(reverse(name, args=[slug]), HTTP_HOST=host).status_code for name in TAG_ROUTES]


def test_a_tag_of_a_public_article_has_its_page_and_feeds(client):
    ArticleFactory(tags=["pleno"])
    assert statuses(client, "pleno") == [200, 200, 200]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT, "published_at": None},
        {"status": Status.REVIEW, "published_at": None},
        {"status": Status.ARCHIVED},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "review", "archived", "scheduled"],
)
def test_a_tag_only_unpublished_articles_carry_is_a_404_everywhere(client, fields):
    ArticleFactory(title="Rahasia Pleno", tags=["rencana-rahasia"], **fields)
    for host in ("testserver", KEDIRI, JATIM):
        assert statuses(client, "rencana-rahasia", host) == [404, 404, 404], host


def test_the_404_of_an_unpublished_tag_is_the_404_of_an_unknown_one(client):
    ArticleFactory(title="Rahasia Pleno", status=Status.DRAFT, published_at=None, tags=["Rencana Rahasia"])
    hidden = client.get(reverse("news:tag_detail", args=["rencana-rahasia"]))
    unknown = client.get(reverse("news:tag_detail", args=["tidak-ada"]))
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.content == unknown.content
    assert "Rencana Rahasia" not in hidden.text and "Rahasia Pleno" not in hidden.text


def test_a_scheduled_articles_tag_appears_with_it(client):
    publish_at = timezone.now() + timedelta(hours=2)
    ArticleFactory(tags=["jadwal-pleno"], published_at=publish_at)
    assert statuses(client, "jadwal-pleno") == [404, 404, 404]
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert statuses(client, "jadwal-pleno") == [200, 200, 200]


def test_unpublishing_the_last_article_of_a_tag_takes_its_page_down(client):
    article = ArticleFactory(tags=["pleno"])
    draft = ArticleFactory(tags=["pleno"], status=Status.DRAFT, published_at=None)
    assert statuses(client, "pleno") == [200, 200, 200]
    article.status = Status.DRAFT
    article.save()
    assert statuses(client, "pleno") == [404, 404, 404]
    draft.status = Status.PUBLISHED
    draft.save()
    assert statuses(client, "pleno") == [200, 200, 200]


def test_on_a_satker_site_a_tag_needs_an_article_that_site_lists(client):
    ArticleFactory(satker=satker("kota-kediri"), tags=["pleno-kediri"])
    assert statuses(client, "pleno-kediri", KEDIRI) == [200, 200, 200]
    assert statuses(client, "pleno-kediri", JATIM) == [200, 200, 200]  # a province lists its kab/kota
    assert statuses(client, "pleno-kediri", "testserver") == [200, 200, 200]
    assert statuses(client, "pleno-kediri", BANDUNG) == [404, 404, 404]


def test_a_tag_shared_down_from_kpu_ri_shows_on_a_satker_site(client):
    ArticleFactory(satker=satker("ri"), share_down=True, tags=["nasional"])
    ArticleFactory(satker=satker("ri"), share_down=False, tags=["internal-ri"])
    assert statuses(client, "nasional", BANDUNG) == [200, 200, 200]
    assert statuses(client, "internal-ri", BANDUNG) == [404, 404, 404]


def test_a_public_article_elsewhere_does_not_open_a_tag_drafted_here(client):
    ArticleFactory(satker=satker("kota-bandung"), tags=["pleno"])
    ArticleFactory(satker=satker("kota-kediri"), tags=["pleno"], status=Status.DRAFT, published_at=None)
    assert statuses(client, "pleno", KEDIRI) == [404, 404, 404]


def test_the_tag_page_lists_only_public_articles_of_the_site(client):
    ArticleFactory(title="Pleno Terbit", tags=["pleno"])
    ArticleFactory(title="Pleno Draf", tags=["pleno"], status=Status.DRAFT, published_at=None)
    ArticleFactory(title="Pleno Bandung", satker=satker("kota-bandung"), tags=["pleno"])
    response = client.get(reverse("news:tag_detail", args=["pleno"]), HTTP_HOST=KEDIRI)
    titles = [article.title for article in response.context["object_list"]]
    assert titles == ["Pleno Terbit"]
    assert "#pleno" in response.text


@pytest.mark.parametrize("path", ["/tag/%00/", "/tag/a%20b/", "/tag/%C3%A9/", "/tag/" + "x" * 300 + "/"])
def test_odd_tag_paths_are_404s(client, path):
    assert client.get(path).status_code == 404
    assert client.get(path + "rss/").status_code == 404


def test_tag_pages_and_feeds_keep_their_budgets(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(3, tags=["pleno", "dpt"])
    for host in ("testserver", KEDIRI):
        with django_assert_max_num_queries(LISTING):
            assert client.get(reverse("news:tag_detail", args=["pleno"]), HTTP_HOST=host).status_code == 200
        with django_assert_max_num_queries(FEED):
            assert client.get(reverse("news:tag_feed", args=["pleno"]), HTTP_HOST=host).status_code == 200
        with django_assert_max_num_queries(LISTING):
            assert client.get(reverse("news:tag_detail", args=["draf"]), HTTP_HOST=host).status_code == 404
