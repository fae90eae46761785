from datetime import date, datetime
from zoneinfo import ZoneInfo

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
def today(time_machine):
    """The clock of these tests: midway through the factory's 2023-2028 term, at midday WIB, so
    who is serving does not depend on the day (or hour) the suite runs."""
    time_machine.move_to(datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Asia/Jakarta")))


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver", "localhost"]


@pytest.fixture
def warm_directory(db):
    """The in-memory satker directory loaded, as in a running process: budgets count the page."""
    directory()
