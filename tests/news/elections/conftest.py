from datetime import date

import factory
import pytest

from news.elections.models import Election, Stage

KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}
TODAY = date(2028, 12, 1)  # the clock of these tests: during the campaign of Pemilu Uji


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election

    name = factory.Sequence(lambda n: f"Pemilu Uji {n}")
    voting_day = date(2029, 2, 14)
    satker = None


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    election = factory.SubFactory(ElectionFactory)
    name = factory.Sequence(lambda n: f"Tahapan Uji {n}")
    start = date(2028, 11, 28)
    end = date(2029, 2, 10)


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver", "localhost"]
