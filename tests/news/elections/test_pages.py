from datetime import date

import pytest
import time_machine
from django.urls import reverse

from news.models import Status
from satker.directory_cache import directory
from tests.budgets import STAGE_PAGE
from tests.factories import ArticleFactory, satker

from .conftest import KEDIRI, TODAY, ElectionFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    pemilu = ElectionFactory(name="Pemilu Uji 2029", voting_day=date(2029, 2, 14))
    return {
        "done": StageFactory(election=pemilu, name="Pendaftaran Partai", start=date(2027, 7, 29), end=date(2028, 6, 1)),
        "current": StageFactory(
            election=pemilu,
            name="Masa Kampanye",
            start=date(2028, 11, 28),
            end=date(2029, 2, 10),
            article=ArticleFactory(title="Jadwal Kampanye Diumumkan"),
        ),
        "coming": StageFactory(election=pemilu, name="Masa Tenang", start=date(2029, 2, 11), end=date(2029, 2, 13)),
        "own": StageFactory(
            election=ElectionFactory(
                name="Pilwali Kediri Uji", satker=satker("kota-kediri"), voting_day=date(2029, 11, 27)
            ),
            name="Pendaftaran Calon Wali Kota",
        ),
        "other": StageFactory(
            election=ElectionFactory(name="Pilwali Bandung Uji", satker=satker("kota-bandung")),
            name="Tahapan Bandung",
        ),
        "past": StageFactory(
            election=ElectionFactory(name="Pemilu Uji 2024", voting_day=date(2024, 2, 14)),
            name="Kampanye Lama",
            start=date(2023, 11, 28),
            end=date(2024, 2, 10),
        ),
    }


@time_machine.travel(TODAY)
def test_tahapan_page_marks_the_current_stage_and_counts_the_days(client, schedule, django_assert_max_num_queries):
    directory()  # loaded, as in a running process (under this test's clock: cache entries expire)
    with django_assert_max_num_queries(STAGE_PAGE):
        response = client.get(reverse("elections:stage_list"), **KEDIRI)
    page = response.text
    assert response.status_code == 200
    assert "75 hari</strong> menuju hari pemungutan suara" in page  # 1 Dec 2028 -> 14 Feb 2029
    current = page.split('aria-current="step"')[1].split("</li>")[0]
    assert "Masa Kampanye" in current and "Sedang berlangsung" in current
    assert 'aria-current="step"' not in page.split("Masa Tenang")[1].split("</li>")[0]
    assert "Jadwal Kampanye Diumumkan" in current  # the linked published article


@time_machine.travel(TODAY)
def test_tahapan_page_shows_national_and_own_stages_not_another_satkers(client, schedule):
    page = client.get(reverse("elections:stage_list"), **KEDIRI).text
    assert "Pemilu Uji 2029" in page and "Pendaftaran Calon Wali Kota" in page
    assert "Pilwali Bandung Uji" not in page and "Tahapan Bandung" not in page
    past = page.split("Pemilihan sebelumnya")[1]
    assert "<details" in past and "Pemilu Uji 2024" in past


@time_machine.travel(TODAY)
def test_the_national_portal_shows_only_national_elections(client, schedule):
    page = client.get(reverse("elections:stage_list")).text
    assert "Pemilu Uji 2029" in page and "Pilwali Kediri Uji" not in page


@time_machine.travel(TODAY)
def test_a_linked_article_that_is_not_published_is_not_linked(client, schedule):
    draft = ArticleFactory(title="Draf Rahasia Kampanye", status=Status.DRAFT, published_at=None)
    StageFactory(election=schedule["current"].election, name="Tahapan Dengan Draf", article=draft)
    page = client.get(reverse("elections:stage_list"), **KEDIRI).text
    assert "Tahapan Dengan Draf" in page and "Draf Rahasia Kampanye" not in page


@time_machine.travel(TODAY)
def test_a_changed_national_stage_shows_at_once_on_a_satker_site_despite_the_page_cache(client, schedule, settings):
    settings.PAGE_CACHE_SECONDS = 60
    url = reverse("elections:stage_list")
    assert "Masa Kampanye" in client.get(url, **KEDIRI).text
    stage = schedule["current"]
    stage.name = "Masa Kampanye Diperpanjang"
    stage.save()
    assert "Masa Kampanye Diperpanjang" in client.get(url, **KEDIRI).text


@time_machine.travel(date(2029, 2, 14))
def test_on_voting_day_the_page_says_so(client, schedule):
    assert "Hari ini hari pemungutan suara." in client.get(reverse("elections:stage_list"), **KEDIRI).text
