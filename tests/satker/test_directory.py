import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from satker.directory import DATA_DIR, build_directory, load_directory
from satker.models import Level, Satker, TimeZone

pytestmark = pytest.mark.django_db


def test_directory_has_one_national_38_provincial_and_514_regency_units():
    assert Satker.objects.count() == 553
    assert Satker.objects.filter(level=Level.PUSAT).count() == 1
    assert Satker.objects.filter(level=Level.PROVINSI).count() == 38
    assert Satker.objects.filter(level__in=[Level.KABUPATEN, Level.KOTA]).count() == 514


def test_provinces_hang_under_kpu_ri_and_regencies_under_their_province():
    ri = Satker.objects.get(slug="ri")
    assert ri.parent is None
    assert set(Satker.objects.filter(parent=ri).values_list("level", flat=True)) == {Level.PROVINSI}
    kediri = Satker.objects.get(slug="kota-kediri")
    assert kediri.parent.slug == "prov-jawa-timur"
    assert kediri.parent.parent == ri
    assert Satker.objects.filter(level__in=[Level.KABUPATEN, Level.KOTA], parent__level=Level.PROVINSI).count() == 514


@pytest.mark.parametrize(
    ("slug", "name", "level"),
    [
        ("ri", "KPU RI", Level.PUSAT),
        ("prov-jawa-timur", "KPU Provinsi Jawa Timur", Level.PROVINSI),
        ("kab-kediri", "KPU Kabupaten Kediri", Level.KABUPATEN),
        ("kota-kediri", "KPU Kota Kediri", Level.KOTA),
        ("kab-kepulauan-sangihe", "KPU Kabupaten Kepulauan Sangihe", Level.KABUPATEN),
        ("prov-aceh", "KIP Aceh", Level.PROVINSI),
        ("kab-aceh-selatan", "KIP Kabupaten Aceh Selatan", Level.KABUPATEN),
    ],
)
def test_satker_have_their_official_names_and_stable_slugs(slug, name, level):
    satker = Satker.objects.get(slug=slug)
    assert (satker.name, satker.level) == (name, level)


@pytest.mark.parametrize(
    ("slug", "zone", "label"),
    [
        ("kota-kediri", TimeZone.WIB, "WIB"),
        ("prov-kalimantan-utara", TimeZone.WITA, "WITA"),
        ("kab-kepulauan-sangihe", TimeZone.WITA, "WITA"),
        ("kota-denpasar", TimeZone.WITA, "WITA"),
        ("prov-papua", TimeZone.WIT, "WIT"),
        ("kota-ambon", TimeZone.WIT, "WIT"),
        ("kab-kepulauan-seribu", TimeZone.WIB, "WIB"),
    ],
)
def test_each_satker_keeps_the_time_zone_of_its_province(slug, zone, label):
    satker = Satker.objects.get(slug=slug)
    assert satker.time_zone == zone
    assert satker.time_zone_label == label


@pytest.mark.parametrize(
    ("slug", "domain"),
    [
        ("ri", "www.kpu.go.id"),
        ("prov-jawa-timur", "jatim.kpu.go.id"),
        ("prov-kalimantan-utara", "kaltara.kpu.go.id"),
        ("kota-kediri", "kota-kediri.kpu.go.id"),
        ("kab-kepulauan-sangihe", "kab-kepulauansangihe.kpu.go.id"),
        ("prov-maluku", None),
    ],
)
def test_satker_get_kpus_default_domain_or_none_when_unknown(slug, domain):
    assert Satker.objects.get(slug=slug).domain == domain


def test_loading_twice_keeps_553_rows_and_admin_edits():
    kediri = Satker.objects.get(slug="kota-kediri")
    kediri.domain = "kpu-kedirikota.go.id"
    kediri.phone = "(0354) 123456"
    kediri.save()

    call_command("load_satker")
    call_command("load_satker")

    assert Satker.objects.count() == 553
    kediri.refresh_from_db()
    assert (kediri.domain, kediri.phone) == ("kpu-kedirikota.go.id", "(0354) 123456")


def test_loading_restores_names_and_parents_from_the_source():
    Satker.objects.filter(slug="kota-kediri").update(name="Salah", parent=Satker.objects.get(slug="ri"))
    created, updated = load_directory(build_directory())
    kediri = Satker.objects.get(slug="kota-kediri")
    assert (created, updated) == (0, 1)
    assert (kediri.name, kediri.parent.slug) == ("KPU Kota Kediri", "prov-jawa-timur")


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_malformed_row_names_file_and_line_and_loads_nothing(data_copy):
    regencies = data_copy / "idn-area" / "regencies.csv"
    lines = regencies.read_text(encoding="utf-8").splitlines()
    lines[9] = "35.71,35"
    regencies.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Satker.objects.filter(slug="kota-kediri").update(name="Belum dimuat ulang")

    with pytest.raises(CommandError, match=r"regencies\.csv:10: expected 3 columns"):
        call_command("load_satker", data_dir=data_copy)

    assert Satker.objects.get(slug="kota-kediri").name == "Belum dimuat ulang"


def test_a_missing_file_gives_a_clear_error(data_copy):
    (data_copy / "idn-area" / "provinces.csv").unlink()
    with pytest.raises(CommandError, match=r"provinces\.csv: cannot read the file"):
        call_command("load_satker", data_dir=data_copy)


def test_an_unknown_province_code_is_refused(data_copy):
    regencies = data_copy / "idn-area" / "regencies.csv"
    regencies.write_text("code,province_code,name\n99.01,99,Kabupaten Entah\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"regencies\.csv:2: unknown province code '99'"):
        call_command("load_satker", data_dir=data_copy)


def test_descendants_of_a_province_are_its_kabupaten_and_kota():
    jatim = Satker.objects.get(slug="prov-jawa-timur")
    units = Satker.objects.with_descendants(jatim)
    assert units.count() == 1 + 38  # East Java has 29 kabupaten and 9 kota
    assert not units.filter(slug="kota-bandung").exists()
    assert Satker.objects.with_descendants(Satker.objects.get(slug="ri")).count() == 553
