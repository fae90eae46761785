from datetime import date

import factory
import pytest

from news.commissioners.models import Commissioner, Position
from satker.directory_cache import directory
from tests.factories import DivisionFactory, satker

KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}


class CommissionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commissioner

    satker = factory.LazyFunction(lambda: satker("kota-kediri"))
    name = factory.Sequence(lambda n: f"Anggota Uji {n}")
    position = Position.MEMBER
    division = factory.SubFactory(DivisionFactory)
    term_start = date(2023, 10, 24)
    term_end = date(2028, 10, 24)
    bio = "Pernah menjadi pemantau pemilu."


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver", "localhost"]


@pytest.fixture
def warm_directory(db):
    """The in-memory satker directory loaded, as in a running process: budgets count the page."""
    directory()
