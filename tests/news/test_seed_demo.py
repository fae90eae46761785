"""`seed_demo` gives a fresh install something to look at on every part of a satker's site, and
running it again changes nothing."""

import pytest

from news.commissioners.models import Commissioner
from news.demo import seed_demo
from news.elections.models import Election
from news.models import Article
from news.pages.models import Page
from tests.news.pages.conftest import KEDIRI_HOST

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_news_the_menu_the_board_and_the_schedule(client, settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id"]
    seed_demo()
    counts = [Article.objects.count(), Page.objects.count(), Commissioner.objects.count(), Election.objects.count()]
    seed_demo()
    assert [Article.objects.count(), Page.objects.count(), Commissioner.objects.count(), Election.objects.count()] == (
        counts
    )

    home = client.get("/", HTTP_HOST=KEDIRI_HOST).text
    assert "Tentang Kami" in home
    assert 'href="/halaman/profil/"' in home
    assert 'href="/halaman/kebijakan-privasi/"' in home  # KPU RI's page, shown on every site
    assert (
        "Dengan ini kami menyatakan sanggup" in client.get("/halaman/maklumat-pelayanan/", HTTP_HOST=KEDIRI_HOST).text
    )
    assert client.get("/komisioner/", HTTP_HOST=KEDIRI_HOST).status_code == 200
    assert "Pemilu 2029" in client.get("/tahapan/", HTTP_HOST=KEDIRI_HOST).text
