from datetime import date

import pytest
from django.core.exceptions import ValidationError

from news.elections.models import Election
from tests.factories import satker

from .conftest import ElectionFactory, StageFactory

pytestmark = pytest.mark.django_db


def test_a_stage_ending_before_it_starts_is_refused_in_indonesian():
    stage = StageFactory.build(election=ElectionFactory(), start=date(2029, 1, 10), end=date(2029, 1, 9))
    with pytest.raises(ValidationError) as caught:
        stage.full_clean()
    assert caught.value.message_dict["end"] == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]


def test_a_one_day_stage_is_fine():
    StageFactory.build(election=ElectionFactory(), start=date(2029, 2, 14), end=date(2029, 2, 14)).full_clean()


def test_a_site_shows_national_elections_its_own_and_its_provinces_but_not_its_neighbours():
    national = ElectionFactory(name="Pemilu Nasional")
    province = ElectionFactory(name="Pilgub Jatim", satker=satker("prov-jawa-timur"))
    own = ElectionFactory(name="Pilwali Kediri", satker=satker("kota-kediri"))
    ElectionFactory(name="Pilwali Bandung", satker=satker("kota-bandung"))
    ElectionFactory(name="Pilwali Malang", satker=satker("kota-malang"))
    assert set(Election.objects.for_site(satker("kota-kediri"))) == {national, province, own}
    # A province shows its own, not each of its kab/kota's; the national portal only national ones.
    assert set(Election.objects.for_site(satker("prov-jawa-timur"))) == {national, province}
    assert set(Election.objects.for_site(None)) == {national}
