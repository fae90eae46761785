import pytest

from news.models import Status
from news.pages.models import Page
from satker.models import Role
from tests.factories import satker, staff_user

KEDIRI_HOST = "kota-kediri.kpu.go.id"
BANDUNG_HOST = "kota-bandung.kpu.go.id"


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver", "localhost"]


def make_page(slug="kota-kediri", title="Sejarah Singkat", status=Status.PUBLISHED, **fields):
    """A page of the satker `slug` (published unless told)."""
    return Page.objects.create(satker=satker(slug), title=title, status=status, **fields)


@pytest.fixture
def editor(client):
    """An editor of KPU Kota Kediri, signed in."""
    user = staff_user("editor-halaman", "kota-kediri", Role.EDITOR)
    client.force_login(user)
    return user


@pytest.fixture
def writer(client):
    user = staff_user("penulis-halaman", "kota-kediri", Role.WRITER)
    client.force_login(user)
    return user
