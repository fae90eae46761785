"""The satker directory kept in memory: host lookup and the walks of the tree."""

import pytest

from satker.directory_cache import ancestors_of, descendants_of, normalize_host, satker_by_slug, satker_for_host
from satker.models import Satker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "written",
    [
        "kota-kediri.kpu.go.id",
        "KOTA-KEDIRI.KPU.GO.ID:8000",
        "www.kota-kediri.kpu.go.id",
        "https://kota-kediri.kpu.go.id/berita/baca/12/rapat",
        "kota-kediri.kpu.go.id.",
    ],
)
def test_a_host_finds_its_satker_however_it_is_written(written):
    Satker.objects.filter(slug="kota-kediri").update(domain="kota-kediri.kpu.go.id")
    Satker.objects.get(slug="kota-kediri").save()  # moves the directory's generation
    assert satker_for_host(written).slug == "kota-kediri"


def test_an_unknown_host_is_the_national_portal():
    assert satker_for_host("contoh.example") is None
    assert normalize_host("") == ""


def test_the_tree_walks_go_up_to_kpu_ri_and_down_to_the_kab_kota():
    kediri, jatim, ri = satker_by_slug("kota-kediri"), satker_by_slug("prov-jawa-timur"), satker_by_slug("ri")
    assert [unit.slug for unit in ancestors_of(kediri)] == ["prov-jawa-timur", "ri"]
    assert kediri in descendants_of(jatim) and all(unit.parent_id == jatim.pk for unit in descendants_of(jatim))
    assert len(descendants_of(ri)) == 552
    assert descendants_of(kediri) == []
