"""PPID and JDIH links follow the evidence in data/kpu-services/ (loaded by load_satker into the
empty fields only), stay editable per satker, and the footer shows no PPID link where none is known."""

import shutil
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from satker.directory import DATA_DIR
from satker.models import Satker
from satker.service_defaults import SERVICES_CSV, read_service_defaults
from tests.budgets import HOME, SATKER_PAGE
from tests.factories import satker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


@pytest.fixture
def loaded():
    call_command("load_satker")


def footer_of(client, unit):
    return client.get(reverse("home"), HTTP_HOST=unit.domain).text.split('class="site-footer"')[1]


def test_situbondos_footer_links_to_its_own_ppid_host_and_jdih_path(client, loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(HOME):
        footer = footer_of(client, satker("kab-situbondo"))
    assert 'href="https://situbondokabppid.kpu.go.id/"' in footer
    assert 'href="https://jdih.kpu.go.id/jatim/situbondo"' in footer


@pytest.mark.parametrize(
    ("slug", "ppid", "jdih"),
    [
        ("kota-bengkulu", "https://bengkulukotappid.kpu.go.id/", "https://jdih.kpu.go.id/bengkulu/bengkulu-kota"),
        ("kab-sekadau", "https://sekadaukabppid.kpu.go.id/", "https://jdih.kpu.go.id/kalbar/sekadau"),
        ("kota-kediri", "https://kedirikotappid.kpu.go.id/", "https://jdih.kpu.go.id/jatim/kediri-kota"),
        ("ri", "https://ppid.kpu.go.id/", "https://jdih.kpu.go.id/"),
    ],
)
def test_the_satker_page_links_to_the_ppid_and_jdih_of_the_evidence(
    client, loaded, slug, ppid, jdih, django_assert_max_num_queries
):
    with django_assert_max_num_queries(SATKER_PAGE):
        page = client.get(satker(slug).get_absolute_url()).text
    assert f'href="{ppid}"' in page and f'href="{jdih}"' in page


def test_a_province_shows_no_ppid_link_but_its_jdih_path(client, loaded):
    """No PPID host of a province was confirmed; the national one is KPU RI's, not the province's."""
    footer = footer_of(client, satker("prov-jawa-timur"))
    assert "PPID" not in footer
    assert 'href="https://jdih.kpu.go.id/jatim/"' in footer


def test_an_unknown_jdih_path_falls_back_to_the_national_jdih_site(client, loaded):
    gunungsitoli = satker("kota-gunungsitoli")  # in Sumatera Utara, whose JDIH segment is unknown
    assert gunungsitoli.jdih_url == ""
    assert 'href="https://jdih.kpu.go.id/"' in footer_of(client, gunungsitoli)


def test_an_editors_own_value_survives_a_new_load_and_is_counted(loaded):
    Satker.objects.filter(slug="kab-situbondo").update(ppid_url="https://ppid.situbondokab.go.id/kpu")
    out = _load()
    assert satker("kab-situbondo").ppid_url == "https://ppid.situbondokab.go.id/kpu"
    assert "0 fields filled, 1 own values kept" in out


def test_an_emptied_field_gets_the_default_again_on_the_next_load(loaded):
    Satker.objects.filter(slug="kab-situbondo").update(jdih_url="")
    assert "1 fields filled" in _load()
    assert satker("kab-situbondo").jdih_url == "https://jdih.kpu.go.id/jatim/situbondo"


def test_a_value_set_in_the_admin_shows_in_the_footer_at_once(client, loaded):
    situbondo = satker("kab-situbondo")
    footer_of(client, situbondo)  # the directory is now in memory
    situbondo.ppid_url = "https://ppid.situbondokab.go.id/kpu"
    situbondo.save()
    assert 'href="https://ppid.situbondokab.go.id/kpu"' in footer_of(client, situbondo)


def test_every_satker_has_a_row_in_the_data_file():
    rows = read_service_defaults(SERVICES_CSV)
    assert set(rows) == set(Satker.objects.values_list("region_code", flat=True))
    assert rows["35.12"] == {
        "ppid_url": "https://situbondokabppid.kpu.go.id/",
        "jdih_url": "https://jdih.kpu.go.id/jatim/situbondo",
    }


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_non_web_url_in_the_data_file_names_file_and_line_and_loads_nothing(data_copy):
    services = data_copy / "kpu-services" / "services.csv"
    lines = services.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("https://jdih.kpu.go.id/kipaceh/", "javascript:alert(1)")
    services.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Satker.objects.filter(slug="kota-kediri").update(name="Belum dimuat ulang")

    with pytest.raises(
        CommandError, match=r"services\.csv:3: jdih_url 'javascript:alert\(1\)' is not an http\(s\) URL"
    ):
        call_command("load_satker", data_dir=data_copy)

    assert satker("kota-kediri").name == "Belum dimuat ulang"
    assert satker("prov-aceh").jdih_url == ""


def test_without_the_data_file_the_directory_still_loads(data_copy):
    (data_copy / "kpu-services" / "services.csv").unlink()
    call_command("load_satker", data_dir=data_copy)
    assert satker("kab-situbondo").ppid_url == ""


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://situbondo.example/ppid", "bukan alamat"])
def test_a_non_web_ppid_url_is_refused_in_the_admin_with_an_indonesian_message(client, bad):
    client.force_login(get_user_model().objects.create_superuser("super", "ri@kpu.go.id", "x"))
    situbondo = satker("kab-situbondo")
    url = reverse("admin:satker_satker_change", args=[situbondo.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "logo"}
    response = client.post(url, {**data, "ppid_url": bad})
    assert response.status_code == 200
    assert "diawali http:// atau https://" in response.text
    assert satker("kab-situbondo").ppid_url == ""


def _load():
    out = StringIO()
    call_command("load_satker", stdout=out)
    return out.getvalue()
