"""Two editors saving the same article: the second is refused with a clear message, nothing is
overwritten, and both versions are in the revision history (optimistic locking, news/newsroom/forms.py)."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from news.models import Article, Revision, Status
from news.newsroom.forms import ArticleForm
from satker.models import Role
from tests.factories import ArticleFactory, staff_user
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db


def signed_in(username):
    client = Client()
    client.force_login(staff_user(username, "kota-kediri", Role.EDITOR))
    return client


def loaded_version(client, article):
    form = client.get(reverse("admin:news_article_change", args=[article.pk])).context["adminform"].form
    return form["loaded_version"].value()


def save(client, article, version, **fields):
    data = article_form_data(loaded_version=str(version), **fields)
    return client.post(reverse("admin:news_article_change", args=[article.pk]), data)


def test_the_second_of_two_editors_is_refused_and_nothing_is_overwritten():
    article = ArticleFactory(title="Judul Awal", status=Status.DRAFT, published_at=None)
    asa, budi = signed_in("editor-asa"), signed_in("editor-budi")
    version_asa, version_budi = loaded_version(asa, article), loaded_version(budi, article)
    assert version_asa == version_budi == 1

    assert save(asa, article, version_asa, title="Judul Versi Asa").status_code == 302
    response = save(budi, article, version_budi, title="Judul Versi Budi", body="<p>Tulisan Budi.</p>")

    assert response.status_code == 200
    message = response.content.decode()
    assert "sudah diubah oleh editor-asa" in message and "Simpanan Anda ditolak" in message
    article.refresh_from_db()
    assert (article.title, article.version) == ("Judul Versi Asa", 2)
    kept = {rev.data["title"]: rev for rev in Revision.objects.filter(article=article)}
    assert set(kept) == {"Judul Versi Asa", "Judul Versi Budi"}
    assert kept["Judul Versi Budi"].author.username == "editor-budi"
    assert "Tulisan Budi" in kept["Judul Versi Budi"].data["body"]
    assert kept["Judul Versi Budi"].note.startswith("Ditolak")


def test_after_reloading_the_second_editor_saves_on_the_new_version():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    asa, budi = signed_in("editor-asa"), signed_in("editor-budi")
    stale = loaded_version(budi, article)
    save(asa, article, loaded_version(asa, article), title="Versi Asa")
    assert save(budi, article, stale, title="Versi Budi").status_code == 200
    assert save(budi, article, loaded_version(budi, article), title="Versi Budi").status_code == 302
    article.refresh_from_db()
    assert (article.title, article.version) == ("Versi Budi", 3)


def test_a_workflow_action_moves_the_version_on_so_an_open_form_cannot_undo_it():
    article = ArticleFactory(status=Status.REVIEW, published_at=None)
    editor = signed_in("editor-asa")
    stale = loaded_version(editor, article)
    changelist = reverse("admin:news_article_changelist")
    editor.post(changelist, {"action": "publish_action", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.version == 2
    assert save(editor, article, stale, status="review").status_code == 200
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_re_import_while_an_editor_has_the_form_open_refuses_the_stale_save_and_keeps_both(tmp_path):
    """Imports save through Article.save(), which moves the version on like any edit."""
    export = Path(__file__).parents[1] / "news" / "importers" / "samples" / "kota-kediri.xml"
    call_command("import_wordpress", export, "--satker", "kota-kediri", stdout=io.StringIO())
    article = Article.objects.get(title="Rapat Pleno Terbuka Rekapitulasi Daftar Pemilih Tetap")
    editor = signed_in("editor-asa")
    stale = loaded_version(editor, article)

    corrected = tmp_path / "kota-kediri.xml"
    corrected.write_text(export.read_text().replace("Daftar Pemilih Tetap]]>", "Daftar Pemilih Tetap (Ralat)]]>"))
    call_command("import_wordpress", corrected, "--satker", "kota-kediri", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.title.endswith("(Ralat)") and article.version == stale + 1

    response = save(editor, article, stale, title="Judul dari Editor")
    assert response.status_code == 200 and "Simpanan Anda ditolak" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Rapat Pleno Terbuka Rekapitulasi Daftar Pemilih Tetap (Ralat)"
    refused = Revision.objects.get(article=article, note__startswith="Ditolak")
    assert refused.data["title"] == "Judul dari Editor" and refused.author.username == "editor-asa"


def test_every_save_of_a_stored_article_moves_its_version_even_from_a_stale_copy():
    article = ArticleFactory()
    first, second = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    first.title = "Satu"
    first.save()
    second.save(update_fields=["title"])
    assert (first.version, second.version) == (2, 3)
    assert Article.objects.get(pk=article.pk).version == 3


def test_the_article_form_refusing_a_stale_version_writes_nothing_itself():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    Article.objects.get(pk=article.pk).save()  # someone else saved meanwhile: version 2
    editor = staff_user("editor-asa", "kota-kediri", Role.EDITOR)
    form = ArticleForm(data=article_form_data(loaded_version="1", title="Basi"), instance=article, user=editor)
    assert not form.is_valid()
    assert form.has_error(NON_FIELD_ERRORS, "version_conflict")
    assert form.refused_content["title"] == "Basi"
    assert not Revision.objects.exists()  # the admin keeps it (tested above), not the form's clean()
