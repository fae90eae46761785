"""The page form's rules, for any way a parent comes in (the admin offers top-level pages only)."""

import pytest

from news.pages.forms import PageForm
from news.pages.models import Page
from tests.factories import satker
from tests.news.pages.conftest import make_page

pytestmark = pytest.mark.django_db


def test_a_parent_that_has_a_parent_is_refused_with_a_clear_message():
    kediri = satker("kota-kediri")
    profil = Page.objects.get(satker=kediri, slug="profil")
    child = make_page(title="Sejarah", parent=profil)
    form = PageForm(
        {"title": "Cucu", "order": 0, "status": "draft", "parent": child.pk, "satker": kediri.pk}, satker=kediri
    )
    assert not form.is_valid()
    assert "Menu hanya satu tingkat" in str(form.errors["parent"])


def test_for_all_sites_is_refused_for_a_kabupaten_page():
    kediri = satker("kota-kediri")
    form = PageForm({"title": "Lokal", "order": 0, "status": "draft", "for_all_sites": "on"}, satker=kediri)
    assert not form.is_valid()
    assert "Hanya halaman KPU RI" in str(form.errors["for_all_sites"])
