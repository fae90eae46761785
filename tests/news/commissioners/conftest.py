from datetime import date

import factory
import pytest
from django.contrib.auth import get_user_model

from news.commissioners.models import Commissioner, Position
from satker.directory_cache import directory
from satker.models import Role
from tests.factories import PASSWORD, DivisionFactory, satker, staff_user

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


@pytest.fixture
def editor(db):
    return staff_user("editor-kediri", "kota-kediri", Role.EDITOR)


@pytest.fixture
def writer(db):
    return staff_user("penulis-kediri", "kota-kediri", Role.WRITER)


@pytest.fixture
def superadmin(db):
    return get_user_model().objects.create_superuser("superadmin", "ri@kpu.go.id", PASSWORD)
