from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from satker.directory_cache import directory
from tests.budgets import STAGE_CALENDAR
from tests.factories import satker

from .conftest import KEDIRI, ElectionFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stages():
    pemilu = ElectionFactory(name="Pemilu Uji 2029", voting_day=date(2029, 2, 14))
    return [
        StageFactory(election=pemilu, name="Masa Kampanye", start=date(2028, 11, 28), end=date(2029, 2, 10)),
        StageFactory(
            election=ElectionFactory(name="Pilwali Kediri Uji", satker=satker("kota-kediri")),
            name="Pendaftaran Calon",
            start=date(2029, 8, 27),
            end=date(2029, 8, 27),
        ),
        StageFactory(election=ElectionFactory(name="Pilwali Bandung Uji", satker=satker("kota-bandung"))),
    ]


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_site_calendar_parses_and_holds_the_national_and_own_stages(client, stages, django_assert_max_num_queries):
    directory()
    with django_assert_max_num_queries(STAGE_CALENDAR):
        response = client.get(reverse("elections:stage_calendar"), **KEDIRI)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response)
    campaign = found[f"tahapan-{stages[0].pk}@kpu.go.id"]
    assert str(campaign["SUMMARY"]) == "Pemilu Uji 2029: Masa Kampanye"
    # All-day events: DTEND is the day after the last day.
    assert campaign.decoded("DTSTART") == date(2028, 11, 28) and campaign.decoded("DTEND") == date(2029, 2, 11)
    assert f"tahapan-{stages[1].pk}@kpu.go.id" in found  # Kediri's own election
    assert f"tahapan-{stages[2].pk}@kpu.go.id" not in found  # Bandung's
    voting = found[f"pemungutan-suara-{stages[0].election.pk}@kpu.go.id"]
    assert voting.decoded("DTSTART") == date(2029, 2, 14)


def test_uids_and_content_stay_the_same_between_requests(client, stages, settings, time_machine):
    settings.PAGE_CACHE_SECONDS = 0  # each request builds the calendar, an hour apart
    time_machine.move_to(datetime(2028, 12, 1, 9, 0, tzinfo=UTC))
    first = client.get(reverse("elections:stage_calendar"), **KEDIRI).content
    time_machine.move_to(datetime(2028, 12, 1, 10, 0, tzinfo=UTC))
    assert client.get(reverse("elections:stage_calendar"), **KEDIRI).content == first


def test_the_national_calendar_holds_only_national_stages(client, stages):
    found = events(client.get(reverse("elections:stage_calendar")))
    assert f"tahapan-{stages[0].pk}@kpu.go.id" in found
    assert f"tahapan-{stages[1].pk}@kpu.go.id" not in found
