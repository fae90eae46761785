"""`make run` serves every satker's site at http://<slug>.localhost:8000/, in development only."""

import pytest

from tests import budgets
from tests.factories import ArticleFactory, satker
from tests.kpuportal.test_site_url import DEVELOPMENT, PRODUCTION, settings_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def development(settings):
    """The settings `make run` starts with (DJANGO_DEBUG=1), read from kpuportal.settings itself."""
    dev = settings_from(**DEVELOPMENT)
    assert dev["DEBUG"] is True
    for name, value in dev.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def production(settings):
    for name, value in settings_from(**PRODUCTION).items():
        setattr(settings, name, value)
    return settings


def test_a_satker_site_answers_at_its_slug_on_localhost(client, development, django_assert_max_num_queries):
    ArticleFactory(title="Rapat Pleno Kota Kediri")
    ArticleFactory(title="Rapat Pleno Kota Bandung", satker=satker("kota-bandung"))
    with django_assert_max_num_queries(budgets.HOME):
        page = client.get("/", HTTP_HOST="kota-kediri.localhost:8000")
    assert page.status_code == 200
    assert page.context["site_satker"] == satker("kota-kediri")
    assert "KPU Kota Kediri" in page.text
    assert "Rapat Pleno Kota Kediri" in page.text and "Rapat Pleno Kota Bandung" not in page.text


def test_an_unknown_slug_on_localhost_is_the_national_portal(client, development):
    page = client.get("/", HTTP_HOST="tidak-ada.localhost:8000")
    assert page.status_code == 200 and page.context["site_satker"] is None


def test_the_portal_lists_a_few_local_satker_sites(client, development, django_assert_max_num_queries):
    with django_assert_max_num_queries(budgets.HOME):
        page = client.get("/", HTTP_HOST="localhost:8000").text
    assert 'href="http://kota-kediri.localhost:8000/"' in page
    assert 'href="http://prov-papua.localhost:8000/"' in page


def test_production_refuses_localhost_names(client, production):
    assert ".localhost" not in production.ALLOWED_HOSTS
    assert client.get("/", HTTP_HOST="kota-kediri.localhost:8000").status_code == 400


def test_production_lists_no_local_sites(client, production):
    production.ALLOWED_HOSTS = ["localhost"]
    page = client.get("/", HTTP_HOST="localhost").text
    assert ".localhost:" not in page and "pengembangan" not in page


def test_production_never_maps_a_localhost_name_even_if_allowed(client, production):
    production.ALLOWED_HOSTS = [".localhost"]  # an operator's mistake: still the national portal
    page = client.get("/", HTTP_HOST="kota-kediri.localhost")
    assert page.status_code == 200 and page.context["site_satker"] is None
