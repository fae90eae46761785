"""Old page links of the platform (/page/read/..., /index.php/pages/detail/...) answer 301 to the
mapped page on the satker's domain, else the normal 404."""

import pytest
from django.urls import reverse

from legacy.links import remember, remember_page
from legacy.models import OldLink
from news.models import Status
from news.pages.models import Page
from satker.models import Role
from tests.budgets import OLD_LINK_REDIRECT
from tests.factories import ArticleFactory, satker, staff_user
from tests.news.pages.conftest import KEDIRI_HOST, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pengaduan():
    page = make_page(title="Pengaduan Masyarakat")
    remember_page(page, "https://kota-kediri.kpu.go.id/page/read/856/pengaduan-masyarakat")
    return page


@pytest.mark.parametrize(
    "old",
    [
        "/page/read/856/pengaduan-masyarakat",
        "/page/read/856/judul-lain-sama-saja",  # the id decides, as the old platform did
        "/page/read/856",
        "/index.php/pages/detail/2017/856",
        "/index.php/page/read/856/pengaduan-masyarakat",
    ],
)
def test_the_old_forms_of_a_mapped_page_answer_301(client, pengaduan, old, django_assert_max_num_queries):
    with django_assert_max_num_queries(OLD_LINK_REDIRECT):
        response = client.get(old, HTTP_HOST=KEDIRI_HOST)
    assert (response.status_code, response["Location"]) == (301, "/halaman/pengaduan-masyarakat/")
    assert client.get(response["Location"], HTTP_HOST=KEDIRI_HOST).status_code == 200


def test_the_slug_form_answers_301_when_mapped(client):
    page = Page.objects.get(satker=satker("kota-kediri"), slug="tugas-dan-kewenangan")
    page.status = Status.PUBLISHED
    page.save()
    remember_page(page, "/page/read/tugas-dan-kewenangan")
    response = client.get("/page/read/tugas-dan-kewenangan", HTTP_HOST=KEDIRI_HOST)
    assert (response.status_code, response["Location"]) == (301, "/halaman/tugas-dan-kewenangan/")


def test_an_unmapped_old_page_link_is_the_normal_404(client, pengaduan):
    assert client.get("/page/read/999/tidak-ada", HTTP_HOST=KEDIRI_HOST).status_code == 404
    assert client.get("/page/read/tidak-ada", HTTP_HOST=KEDIRI_HOST).status_code == 404
    assert client.get("/index.php/pages/detail/2017/999", HTTP_HOST=KEDIRI_HOST).status_code == 404


def test_the_old_link_of_another_satker_is_a_404_here(client, pengaduan):
    assert client.get("/page/read/856/pengaduan-masyarakat", HTTP_HOST="kota-bandung.kpu.go.id").status_code == 404


def test_the_old_link_of_a_draft_page_is_a_404(client, pengaduan):
    pengaduan.status = Status.DRAFT
    pengaduan.save()
    assert client.get("/page/read/856/pengaduan-masyarakat", HTTP_HOST=KEDIRI_HOST).status_code == 404


def test_an_editor_maps_an_old_page_link_by_hand(client, editor):
    page = Page.objects.get(satker=satker("kota-kediri"), slug="kontak")
    page.status = Status.PUBLISHED
    page.save()
    response = client.post(reverse("admin:legacy_oldlink_add"), {"old_url": "/page/read/100/kontak", "page": page.pk})
    assert response.status_code == 302
    link = OldLink.objects.get()
    assert (link.satker.slug, link.key, link.page) == ("kota-kediri", "page:100", page)
    client.logout()
    assert client.get("/page/read/100/kontak", HTTP_HOST=KEDIRI_HOST)["Location"] == "/halaman/kontak/"


def test_a_hand_mapping_to_another_satkers_page_is_refused(client, editor):
    other = Page.objects.get(satker=satker("kota-bandung"), slug="kontak")
    response = client.post(reverse("admin:legacy_oldlink_add"), {"old_url": "/page/read/100/kontak", "page": other.pk})
    assert response.status_code == 200
    assert not OldLink.objects.exists()


def test_a_mapping_needs_exactly_one_target(client, editor):
    page = Page.objects.get(satker=satker("kota-kediri"), slug="kontak")
    response = client.post(
        reverse("admin:legacy_oldlink_add"), {"old_url": "/page/read/100/kontak", "page": page.pk, "target_path": "/x/"}
    )
    assert "Pilih salah satu" in response.text
    assert not OldLink.objects.exists()


def test_an_old_address_remembered_again_leads_to_its_one_new_target(pengaduan):
    old = "https://kota-kediri.kpu.go.id/page/read/856/pengaduan-masyarakat"
    article = ArticleFactory(satker=pengaduan.satker)
    link = remember(article, old)
    assert (link.article, link.page) == (article, None)
    link = remember_page(pengaduan, old)
    assert (link.article, link.page) == (None, pengaduan)
    assert OldLink.objects.filter(old_url=old).count() == 1


def test_the_page_picker_of_an_old_link_offers_only_pages_the_user_edits(client):
    """A province reads its kab/kota's pages, but an old link of its own leads to its own only."""
    own = make_page("prov-jawa-timur", title="Sejarah Jatim")
    make_page("kota-kediri", title="Sejarah Kediri Draf", status=Status.DRAFT)
    make_page("kota-bandung", title="Sejarah Bandung")
    client.force_login(staff_user("editor-jatim", "prov-jawa-timur", Role.EDITOR))
    query = {"app_label": "legacy", "model_name": "oldlink", "field_name": "page", "term": "Sejarah"}
    response = client.get(reverse("admin:autocomplete"), query)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(own.pk)]
