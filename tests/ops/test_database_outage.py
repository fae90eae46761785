"""The database going away: readers get a friendly 503 in Indonesian, and the site recovers by
itself when the database returns (tested against the running site)."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections
from django.db.backends.utils import CursorWrapper
from django.test import RequestFactory
from django.urls import reverse

from ops.outage import server_error
from tests.ops.conftest import TIMEOUT

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def database_away():
    """Every query in every thread fails as a refused connection would, until the block ends."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    original = CursorWrapper.execute, CursorWrapper.executemany
    CursorWrapper.execute = CursorWrapper.executemany = refuse
    try:
        yield
    finally:
        CursorWrapper.execute, CursorWrapper.executemany = original


def test_readers_get_a_friendly_503_while_the_database_is_away_and_pages_again_after(live_server, world, http):
    article = world["articles"][0]
    pages = [reverse("home"), reverse("news:article_list"), article.get_absolute_url(), reverse("news:feed")]
    with database_away():
        for path in pages:
            response = http.get(live_server.url + path, params={"x": "1"}, timeout=TIMEOUT)
            assert response.status_code == 503, path
            assert "Layanan sedang tidak tersedia" in response.text
            assert response.headers["Retry-After"] == "30"
            assert "no-store" in response.headers["Cache-Control"]
            assert response.headers["X-Request-ID"] in response.text  # a reader can quote it
        assert http.get(live_server.url + reverse("ops:readyz"), timeout=TIMEOUT).status_code == 503
        assert http.get(live_server.url + reverse("ops:healthz"), timeout=TIMEOUT).status_code == 200
    for path in pages:
        assert http.get(live_server.url + path, timeout=TIMEOUT).status_code == 200, path
    assert http.get(live_server.url + reverse("ops:readyz"), timeout=TIMEOUT).status_code == 200


def test_a_database_fault_outside_a_view_also_gives_the_503_page():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "Layanan sedang tidak tersedia" in response.content.decode()


def test_other_faults_outside_a_view_still_give_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_the_site_reconnects_after_postgresql_drops_every_connection(live_server, world, http):
    if connection.vendor != "postgresql":
        pytest.skip("dropping server connections needs PostgreSQL (CI runs this on PostgreSQL)")
    url = live_server.url + world["articles"][0].get_absolute_url()
    assert http.get(url, timeout=TIMEOUT).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
    statuses = [http.get(url, params={"n": n}, timeout=TIMEOUT).status_code for n in range(3)]
    assert statuses[-1] == 200 and set(statuses) <= {200, 503}
    connections.close_all()
