"""`import_html` recognises a saved static page of the platform and imports it as a page, its
old address answering 301; articles in the same run are imported as before."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from legacy.models import OldLink
from news.models import Article, Status
from news.pages.models import Page
from tests.factories import satker

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
ARTICLE = Path(__file__).parents[1] / "importers" / "samples" / "html" / "kota-kediri" / "pleno-dpt.html"


def run(*paths, **options):
    call_command("import_html", *map(str, paths), **options)


def test_a_saved_static_page_fills_the_starter_page_of_its_satker(client, settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    run(SAMPLES / "tugas-dan-kewenangan.html")
    katingan = satker("kab-katingan")
    page = Page.objects.get(satker=katingan, slug="tugas-dan-kewenangan")
    assert page.status == Status.PUBLISHED and page.title == "Tugas dan Kewenangan"
    assert "merencanakan program dan anggaran" in page.body and "<li>" in page.body
    assert "script" not in page.body and "Bagikan" not in page.body and "Berita Terkini" not in page.body
    assert 'src="https://kab-katingan.kpu.go.id/uploads/struktur.jpg"' in page.body
    assert Page.objects.filter(satker=katingan).count() == 7  # the starter page, not a second one
    response = client.get("/page/read/tugas-dan-kewenangan", HTTP_HOST="kab-katingan.kpu.go.id")
    assert (response.status_code, response["Location"]) == (301, "/halaman/tugas-dan-kewenangan/")


def test_a_page_with_an_id_is_found_by_its_id_and_its_older_form_redirects(client, settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    run(SAMPLES / "pengaduan-masyarakat.html")
    page = Page.objects.get(satker=satker("ri"), slug="pengaduan-masyarakat")
    assert "lima hari kerja" in page.body
    assert OldLink.objects.get(page=page).key == "page:856"
    response = client.get("/index.php/pages/detail/2017/856", HTTP_HOST="www.kpu.go.id")
    assert (response.status_code, response["Location"]) == (301, "/halaman/pengaduan-masyarakat/")


def test_importing_twice_updates_the_page(capsys):
    run(SAMPLES / "pengaduan-masyarakat.html")
    run(SAMPLES / "pengaduan-masyarakat.html")
    assert "0 imported, 1 updated" in capsys.readouterr().out
    assert Page.objects.filter(slug="pengaduan-masyarakat").count() == 1


def test_pages_and_articles_in_one_folder_go_each_their_way(tmp_path, capsys):
    shutil.copy(SAMPLES / "pengaduan-masyarakat.html", tmp_path)
    shutil.copy(ARTICLE, tmp_path)
    run(tmp_path, allow_missing_media=True)
    assert "2 items: 2 imported" in capsys.readouterr().out
    assert Page.objects.filter(slug="pengaduan-masyarakat").exists()
    assert Article.objects.filter(satker=satker("kota-kediri")).count() == 1


def test_a_dry_run_saves_no_page(capsys):
    run(SAMPLES / "pengaduan-masyarakat.html", dry_run=True)
    assert "1 item: 1 would be imported" in capsys.readouterr().out
    assert not Page.objects.filter(slug="pengaduan-masyarakat").exists()
