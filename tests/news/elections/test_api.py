from datetime import date

import pytest
from django.urls import reverse

from tests.budgets import API_STAGES
from tests.factories import ArticleFactory, satker

from .conftest import ElectionFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def generous_rate(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000/minute"}}


@pytest.fixture
def elections():
    national = ElectionFactory(name="Pemilu Uji 2029", voting_day=date(2029, 2, 14))
    StageFactory(election=national, name="Masa Kampanye", article=ArticleFactory(title="Kampanye Dimulai"))
    StageFactory(
        election=ElectionFactory(name="Pilwali Kediri Uji", satker=satker("kota-kediri")), name="Pendaftaran Calon"
    )
    StageFactory(election=ElectionFactory(name="Pilwali Bandung Uji", satker=satker("kota-bandung")))
    return national


def stages_of(client, status=200, **params):
    response = client.get(reverse("api:stage_list"), params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_api_lists_a_satkers_elections_with_their_stages(client, elections, django_assert_max_num_queries):
    stages_of(client)  # loads the in-memory directory (another URL: not served from the JSON cache)
    with django_assert_max_num_queries(API_STAGES):
        body = stages_of(client, satker="kota-kediri")
    by_name = {election["name"]: election for election in body["results"]}
    assert set(by_name) == {"Pemilu Uji 2029", "Pilwali Kediri Uji"}
    national = by_name["Pemilu Uji 2029"]
    assert national["satker"] is None and national["voting_day"] == "2029-02-14"
    stage = national["stages"][0]
    assert stage["name"] == "Masa Kampanye" and stage["start"] == "2028-11-28" and stage["end"] == "2029-02-10"
    assert stage["article_url"].endswith(elections.stages.get().article.get_absolute_url())
    assert by_name["Pilwali Kediri Uji"]["satker"]["slug"] == "kota-kediri"


def test_without_a_satker_the_api_lists_every_election(client, elections):
    names = {election["name"] for election in stages_of(client)["results"]}
    assert names == {"Pemilu Uji 2029", "Pilwali Kediri Uji", "Pilwali Bandung Uji"}


def test_an_unknown_satker_or_parameter_is_a_400_naming_it(client, elections):
    assert "satker" in stages_of(client, status=400, satker="tidak-ada")["error"]["fields"]
    assert stages_of(client, status=400, tahun="2029")["error"]["code"] == "invalid_parameter"


def test_a_changed_stage_shows_at_once_in_the_api(client, elections, settings):
    stages_of(client, satker="kota-kediri")
    stage = elections.stages.get()
    stage.name = "Masa Kampanye Diubah"
    stage.save()
    names = [s["name"] for e in stages_of(client, satker="kota-kediri")["results"] for s in e["stages"]]
    assert "Masa Kampanye Diubah" in names
