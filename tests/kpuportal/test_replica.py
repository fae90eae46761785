"""With a read replica configured, anonymous public reads go to it; editors and writes never."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kpuportal.replica import PublicReadMiddleware, ReplicaRouter
from news.models import Article


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}


def database_read_during(request):
    seen = {}

    def view(request):
        seen["db"] = ReplicaRouter().db_for_read(Article)
        return HttpResponse()

    PublicReadMiddleware(view)(request)
    return seen["db"]


def test_anonymous_page_views_read_from_the_replica(with_replica):
    assert database_read_during(RequestFactory().get("/berita/")) == "replica"


def test_a_signed_in_editor_reads_from_the_primary(with_replica, settings):
    request = RequestFactory().get("/berita/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert database_read_during(request) is None  # None: Django's default, the primary


def test_posts_read_from_the_primary(with_replica):
    assert database_read_during(RequestFactory().post("/views/")) is None


def test_writes_always_go_to_the_primary(with_replica):
    assert ReplicaRouter().db_for_write(Article) == "default"


def test_without_a_replica_everything_uses_the_primary():
    assert database_read_during(RequestFactory().get("/berita/")) is None


def test_outside_a_request_reads_use_the_primary(with_replica):
    assert ReplicaRouter().db_for_read(Article) is None


def test_only_the_primary_is_migrated():
    assert ReplicaRouter().allow_migrate("replica", "news") is False
    assert ReplicaRouter().allow_migrate("default", "news") is True


def test_with_an_edge_pages_read_from_the_primary(with_replica, settings):
    """The edge keeps a page rendered just after a purge for hours: from a lagging replica it
    would be the old page."""
    settings.EDGE_PURGER = "tests.pagecache.test_edge.RecordingPurger"
    assert database_read_during(RequestFactory().get("/berita/")) is None
