"""Every save keeps a revision; editors compare two and restore one."""

import pytest
from django.urls import reverse

from news.models import Revision, Status
from tests.factories import ArticleFactory, satker

from .conftest import article_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(client, editor):
    """An article saved twice through the admin: 'Judul Pertama', then 'Judul Kedua'."""
    client.force_login(editor)
    client.post(reverse("admin:news_article_add"), article_form_data(title="Judul Pertama", body="<p>Satu</p>"))
    article = editor.articles.get()
    client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form_data(title="Judul Kedua", slug=article.slug, body="<p>Dua</p>", tags="pemilu"),
    )
    article.refresh_from_db()
    return article


def test_each_save_keeps_who_when_and_what_changed(edited, editor):
    newest, first = edited.revisions.all()
    assert (first.author, first.data["title"], newest.data["title"]) == (editor, "Judul Pertama", "Judul Kedua")
    assert set(newest.changed_fields) == {"title", "body", "tags"}


def test_saving_without_changes_adds_no_revision(client, edited):
    client.post(
        reverse("admin:news_article_change", args=[edited.pk]),
        article_form_data(title="Judul Kedua", slug=edited.slug, body="<p>Dua</p>", tags="pemilu"),
    )
    assert edited.revisions.count() == 2


def test_the_history_lists_the_revisions(client, edited):
    page = client.get(reverse("admin:news_article_revisions", args=[edited.pk]))
    assert page.status_code == 200
    assert "editor-kediri" in page.text


def test_comparing_two_revisions_shows_what_changed(client, edited):
    newest, first = edited.revisions.all()
    page = client.get(reverse("admin:news_article_compare", args=[edited.pk]), {"a": first.pk, "b": newest.pk})
    assert page.status_code == 200
    assert "Judul Pertama" in page.text and "Judul Kedua" in page.text


def test_comparing_with_a_bad_or_foreign_revision_is_a_400(client, edited):
    other = ArticleFactory()
    foreign = Revision.objects.create(article=other, data={"title": "x"})
    url = reverse("admin:news_article_compare", args=[edited.pk])
    assert client.get(url, {"a": "x", "b": "1"}).status_code == 400
    assert client.get(url, {"a": foreign.pk, "b": edited.revisions.first().pk}).status_code == 400


def test_restoring_brings_the_old_content_back_and_keeps_a_new_revision(client, edited):
    first = edited.revisions.last()
    response = client.post(
        reverse("admin:news_article_restore", args=[edited.pk, first.pk]), {"loaded_version": edited.version}
    )
    assert response.status_code == 302
    edited.refresh_from_db()
    assert (edited.title, edited.body, list(edited.tags.names())) == ("Judul Pertama", "<p>Satu</p>", [])
    assert edited.revisions.count() == 3
    assert "Dipulihkan" in edited.revisions.first().note


def test_restoring_keeps_the_status(client, edited, editor):
    edited.status = Status.PUBLISHED
    edited.save()
    client.post(
        reverse("admin:news_article_restore", args=[edited.pk, edited.revisions.last().pk]),
        {"loaded_version": edited.version},
    )
    edited.refresh_from_db()
    assert edited.status == Status.PUBLISHED


def test_another_satker_cannot_see_or_restore_the_history(client, edited, bandung_editor):
    client.force_login(bandung_editor)
    assert client.get(reverse("admin:news_article_revisions", args=[edited.pk])).status_code == 404
    assert (
        client.post(reverse("admin:news_article_restore", args=[edited.pk, edited.revisions.last().pk])).status_code
        == 404
    )
    edited.refresh_from_db()
    assert edited.title == "Judul Kedua"


def test_a_province_reads_the_history_but_cannot_restore(client, edited, province_editor):
    client.force_login(province_editor)
    assert client.get(reverse("admin:news_article_revisions", args=[edited.pk])).status_code == 200
    assert (
        client.post(reverse("admin:news_article_restore", args=[edited.pk, edited.revisions.last().pk])).status_code
        == 403
    )


def test_workflow_actions_keep_a_revision(client, editor):
    article = ArticleFactory(status=Status.REVIEW, published_at=None, satker=satker("kota-kediri"))
    client.force_login(editor)
    client.post(
        reverse("admin:news_article_changelist"), {"action": "publish_action", "_selected_action": [str(article.pk)]}
    )
    assert article.revisions.get().data["status"] == "published"
