"""Editors keep their satker's pages in the newsroom: scoped like articles, the same workflow,
clear errors for slugs and parents, revisions and a preview."""

import pytest
from django.urls import reverse

from news.models import Status
from news.pages.models import Page, PageRevision
from tests.factories import satker, staff_user
from tests.news.pages.conftest import make_page

pytestmark = pytest.mark.django_db
ADD = reverse("admin:pages_page_add")


def form(**fields):
    return {"title": "Layanan Informasi", "slug": "", "body": "<p>Isi.</p>", "order": 0, "status": "draft", **fields}


def test_an_editor_adds_a_page_for_the_own_satker_whatever_the_form_says(client, editor):
    response = client.post(ADD, form(satker=satker("kota-bandung").pk, status="published"))
    assert response.status_code == 302
    page = Page.objects.get(title="Layanan Informasi")
    assert (page.satker.slug, page.slug, page.status, page.author) == (
        "kota-kediri", "layanan-informasi", Status.PUBLISHED, editor,
    )  # fmt: skip
    assert page.revisions.count() == 1


def test_the_page_list_shows_only_the_own_satkers_pages(client, editor):
    make_page("kota-bandung", title="Halaman Bandung Rahasia", status=Status.DRAFT)
    response = client.get(reverse("admin:pages_page_changelist"))
    assert "Visi dan Misi" in response.text and "Bandung Rahasia" not in response.text


def test_another_satkers_page_answers_as_a_missing_one(client, editor):
    other = make_page("kota-bandung", title="Halaman Bandung")
    for name in ("change", "pages_page_preview", "pages_page_revisions"):
        url_name = f"admin:pages_page_{name}" if name == "change" else f"admin:{name}"
        response = client.get(reverse(url_name, args=[other.pk]))
        assert response.status_code in (302, 404), name
        assert "Halaman Bandung" not in response.text


def test_a_writer_cannot_publish_a_page(client, writer):
    response = client.post(ADD, form(status="published"))
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.text
    assert client.post(ADD, form(status="review")).status_code == 302
    assert Page.objects.get(title="Layanan Informasi").status == Status.REVIEW


def test_a_writer_cannot_change_a_published_page(client, writer):
    page = make_page(title="Sudah Terbit", author=writer)
    response = client.post(reverse("admin:pages_page_change", args=[page.pk]), form(title="Diubah"))
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "Sudah Terbit"


@pytest.mark.parametrize("slug", ["berita", "cari", "admin", "api", "tag", "halaman", "komisioner", "tahapan"])
def test_a_slug_that_clashes_with_a_site_route_is_refused_in_indonesian(client, editor, slug):
    response = client.post(ADD, form(slug=slug))
    assert response.status_code == 200
    assert f"Alamat “{slug}” sudah dipakai bagian lain situs ini" in response.text
    assert not Page.objects.filter(title="Layanan Informasi").exists()


def test_a_title_whose_slug_clashes_is_refused_too(client, editor):
    response = client.post(ADD, form(title="Berita"))
    assert "Alamat “berita” sudah dipakai" in response.text


def test_a_slug_taken_in_the_satker_is_refused(client, editor):
    response = client.post(ADD, form(slug="profil"))
    assert "sudah punya halaman dengan slug ini" in response.text


def test_a_parent_that_has_a_parent_is_refused_one_level_only(client, editor):
    profil = Page.objects.get(satker=satker("kota-kediri"), slug="profil")
    child = make_page(title="Sejarah", parent=profil)
    response = client.post(ADD, form(parent=child.pk))
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.text  # only top-level pages are offered
    assert not Page.objects.filter(title="Layanan Informasi").exists()


def test_a_page_with_children_cannot_get_a_parent(client, editor):
    profil = Page.objects.get(satker=satker("kota-kediri"), slug="profil")
    make_page(title="Sejarah", parent=profil)
    kontak = Page.objects.get(satker=satker("kota-kediri"), slug="kontak")
    response = client.post(
        reverse("admin:pages_page_change", args=[profil.pk]), form(title="Profil", slug="profil", parent=kontak.pk)
    )
    assert "punya subhalaman" in response.text
    profil.refresh_from_db()
    assert profil.parent is None


def test_another_satkers_page_cannot_be_a_parent(client, editor):
    other = Page.objects.get(satker=satker("kota-bandung"), slug="profil")
    response = client.post(ADD, form(parent=other.pk))
    assert response.status_code == 200
    assert not Page.objects.filter(title="Layanan Informasi").exists()


def test_only_kpu_ri_writes_pages_for_all_sites(client):
    client.force_login(staff_user("editor-ri", "ri", "editor"))
    assert client.post(ADD, form(for_all_sites="on")).status_code == 302
    assert Page.objects.get(title="Layanan Informasi").for_all_sites
    client.force_login(staff_user("editor-kediri-2", "kota-kediri", "editor"))
    client.post(ADD, form(title="Lokal", for_all_sites="on"))
    assert not Page.objects.get(title="Lokal").for_all_sites  # the field is not offered at all


def test_every_save_keeps_a_revision_and_an_editor_restores_one(client, editor):
    client.post(ADD, form(body="<p>Versi satu.</p>"))
    page = Page.objects.get(title="Layanan Informasi")
    client.post(reverse("admin:pages_page_change", args=[page.pk]), form(slug=page.slug, body="<p>Versi dua.</p>"))
    assert page.revisions.count() == 2
    listing = client.get(reverse("admin:pages_page_revisions", args=[page.pk]))
    assert listing.status_code == 200 and "Pulihkan" in listing.text
    first = page.revisions.last()
    response = client.post(reverse("admin:pages_page_restore", args=[page.pk, first.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert "Versi satu." in page.body
    assert PageRevision.objects.filter(page=page).count() == 3


def test_the_preview_shows_a_draft_never_cached_nor_indexed(client, editor):
    page = Page.objects.get(satker=satker("kota-kediri"), slug="kontak")
    response = client.get(reverse("admin:pages_page_preview", args=[page.pk]))
    assert response.status_code == 200
    assert "<h1>Kontak</h1>" in response.text and "Pratinjau" in response.text
    assert "no-cache" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_page_form_uses_the_articles_editor(client, editor):
    response = client.get(ADD)
    assert response.status_code == 200
    assert "django-ckeditor-widget" in response.text and 'name="body"' in response.text


def test_pages_are_in_the_admin_registry_so_the_admin_walk_covers_them():
    from django.contrib import admin

    assert Page in admin.site._registry  # tests/news/newsroom/test_admin_walk.py walks every registered admin
