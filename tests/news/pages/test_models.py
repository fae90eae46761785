"""Pages: slugs, sanitized text, the starter set every satker gets."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from news.models import Status
from news.pages.models import Page
from news.pages.starter import STARTER_TITLES
from satker.models import Level, Satker
from tests.factories import satker
from tests.news.pages.conftest import make_page

pytestmark = pytest.mark.django_db


def test_a_page_gets_its_slug_from_its_title_and_its_address_under_halaman():
    page = make_page(title="Sejarah Singkat KPU")
    assert page.slug == "sejarah-singkat-kpu"
    assert page.get_absolute_url() == "/halaman/sejarah-singkat-kpu/"
    assert page.get_canonical_url().endswith("://kota-kediri.kpu.go.id/halaman/sejarah-singkat-kpu/")


def test_a_second_page_with_the_same_title_gets_a_free_slug():
    assert make_page(title="Layanan").slug == "layanan"
    assert make_page(title="Layanan").slug == "layanan-2"


def test_the_same_slug_is_fine_in_another_satker_but_not_twice_in_one():
    make_page(title="Layanan")
    assert make_page("kota-bandung", title="Layanan").slug == "layanan"
    with pytest.raises(IntegrityError):
        Page.objects.create(satker=satker("kota-kediri"), title="Lain", slug="layanan")


def test_the_body_is_sanitized_on_save():
    page = make_page(body='<p onclick="x()">Halo<script>alert(1)</script></p>')
    assert "script" not in page.body and "onclick" not in page.body and "Halo" in page.body


def test_every_satker_has_the_starter_pages_as_empty_drafts():
    pages = Page.objects.filter(satker=satker("kab-katingan"))
    assert sorted(pages.values_list("title", flat=True)) == sorted(STARTER_TITLES)
    assert set(pages.values_list("status", flat=True)) == {Status.DRAFT}
    assert set(pages.values_list("body", flat=True)) == {""}
    assert "tugas-dan-kewenangan" in pages.values_list("slug", flat=True)
    assert not Page.objects.published().filter(satker=satker("kab-katingan")).exists()


def test_a_new_satker_gets_the_starter_pages():
    unit = Satker.objects.create(name="KPU Kabupaten Baru", slug="kab-baru", level=Level.KABUPATEN, region_code="99.99")
    assert Page.objects.filter(satker=unit).count() == len(STARTER_TITLES)


def test_create_starter_pages_is_idempotent_and_fills_only_what_is_missing(capsys):
    kediri = satker("kota-kediri")
    Page.objects.filter(satker=kediri, slug="kontak").delete()
    Page.objects.filter(satker=kediri, slug="profil").update(title="Profil KPU Kediri", status=Status.PUBLISHED)
    call_command("create_starter_pages")
    assert "1 starter pages created" in capsys.readouterr().out
    call_command("create_starter_pages")
    assert "0 starter pages created" in capsys.readouterr().out
    assert Page.objects.filter(satker=kediri).count() == len(STARTER_TITLES)
    assert Page.objects.get(satker=kediri, slug="profil").title == "Profil KPU Kediri"  # left alone


def test_create_starter_pages_refuses_an_unknown_satker():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="kab-tidak-ada"):
        call_command("create_starter_pages", satker=["kab-tidak-ada"])
