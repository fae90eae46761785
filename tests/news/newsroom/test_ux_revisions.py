"""Revisions as people read them: labels, real changes only, the body as text, a confirmed restore."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Revision, Status
from news.newsroom import revisions
from tests.factories import ArticleFactory, satker

from .conftest import article_form_data

pytestmark = pytest.mark.django_db

BODY_ONE = "<p>KPU Kota Kediri menggelar rapat pleno.</p><p>Rapat dihadiri semua partai.</p><p>Selesai pukul 12.</p>"
BODY_TWO = "<p>KPU Kota Kediri menggelar rapat pleno terbuka.</p><p>Selesai pukul 12.</p><p>Hasilnya diumumkan.</p>"


@pytest.fixture
def edited(client, editor):
    client.force_login(editor)
    client.post(reverse("admin:news_article_add"), article_form_data(title="Judul Pertama", body=BODY_ONE))
    article = editor.articles.get()
    client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form_data(title="Judul Kedua", slug=article.slug, body=BODY_TWO, loaded_version=article.version),
    )
    article.refresh_from_db()
    return article


def compare_page(client, article):
    newest, first = article.revisions.all()[:2][0], article.revisions.all()[1]
    return client.get(reverse("admin:news_article_compare", args=[article.pk]), {"a": first.pk, "b": newest.pk})


def test_the_history_names_fields_by_their_labels(client, edited):
    page = client.get(reverse("admin:news_article_revisions", args=[edited.pk]))
    assert "judul, isi" in page.text
    assert "title" not in page.text.split('id="content-main"')[1].split("</table>")[0]


def test_an_imported_article_without_revisions_has_an_empty_history_not_an_error(client, editor):
    client.force_login(editor)
    imported = ArticleFactory()  # written by an importer or seed_demo: no Revision rows
    page = client.get(reverse("admin:news_article_revisions", args=[imported.pk]))
    assert page.status_code == 200
    assert "Belum ada revisi." in page.text


def test_the_comparison_shows_labels_and_the_body_as_text_paragraphs(client, edited):
    page = compare_page(client, edited)
    text = page.text
    assert "<h2>Judul</h2>" in text and "<h2>Isi</h2>" in text
    assert "&lt;p&gt;" not in text  # no raw HTML of the body
    assert "menggelar rapat pleno<ins> terbuka</ins>." in text
    assert "<del>Rapat dihadiri semua partai.</del>" in text
    assert "<ins>Hasilnya diumumkan.</ins>" in text
    assert "1 paragraf sama" in text


def test_an_untouched_time_is_not_a_change():
    moment = timezone.now().replace(microsecond=822314)
    stored = {"published_at": moment.isoformat()}
    same_in_jakarta = {"published_at": timezone.localtime(moment).replace(microsecond=0).isoformat()}
    assert revisions.real_changes(stored, same_in_jakarta, ["published_at"]) == []
    later = {"published_at": (moment + timedelta(minutes=1)).isoformat()}
    assert revisions.real_changes(stored, later, ["published_at"]) == ["published_at"]


def test_saving_a_published_article_untouched_keeps_no_new_revision(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, published_at=timezone.now().replace(microsecond=822314))
    revisions.record(article, editor)
    client.force_login(editor)
    local = timezone.localtime(article.published_at)
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form_data(
            title=article.title, slug=article.slug, body=article.body, lead=article.lead, status="published",
            published_at_0=local.strftime("%Y-%m-%d"), published_at_1=local.strftime("%H:%M:%S"),
            loaded_version=article.version,
        ),
    )  # fmt: skip
    assert response.status_code == 302  # saved: a refused form would keep no revision either
    assert article.revisions.count() == 1


def test_a_time_change_is_shown_as_a_local_time_with_its_zone(client, edited, editor):
    newest = edited.revisions.first()
    changed = Revision.objects.create(
        article=edited, author=editor, data={**newest.data, "published_at": "2026-12-03T07:22:54+00:00"}
    )
    page = client.get(reverse("admin:news_article_compare", args=[edited.pk]), {"a": newest.pk, "b": changed.pk})
    assert "Kamis, 3 Desember 2026 14.22 WIB" in page.text
    assert "2026-12-03T07:22:54" not in page.text


def test_restore_first_asks_and_says_what_will_change(client, edited):
    first = edited.revisions.last()
    url = reverse("admin:news_article_restore", args=[edited.pk, first.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ya, pulihkan" in page.text and "<h2>Judul</h2>" in page.text and "Judul Pertama" in page.text
    edited.refresh_from_db()
    assert edited.title == "Judul Kedua"  # nothing changed by looking
    response = client.post(url, {"loaded_version": edited.version})
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Judul Pertama"


def test_restore_is_refused_when_the_article_was_saved_since_the_confirmation(client, edited):
    first = edited.revisions.last()
    url = reverse("admin:news_article_restore", args=[edited.pk, first.pk])
    shown_version = edited.version
    edited.title = "Disimpan orang lain"
    edited.save()
    response = client.post(url, {"loaded_version": shown_version}, follow=True)
    edited.refresh_from_db()
    assert edited.title == "Disimpan orang lain"
    assert "tidak ada yang dipulihkan" in response.text


def test_the_history_offers_restore_through_the_confirmation(client, edited):
    page = client.get(reverse("admin:news_article_revisions", args=[edited.pk]))
    first = edited.revisions.last()
    assert f'href="{reverse("admin:news_article_restore", args=[edited.pk, first.pk])}"' in page.text
    assert 'method="post"' not in page.text.split('id="content-main"')[1]


def test_a_restore_posted_without_the_confirmations_version_only_shows_the_confirmation(client, edited):
    """An old tab's one-click "Pulihkan" carries no version: it could undo a newer edit unseen."""
    url = reverse("admin:news_article_restore", args=[edited.pk, edited.revisions.last().pk])
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, url)
    edited.refresh_from_db()
    assert edited.title == "Judul Kedua"


def test_a_restore_names_the_revision_in_the_satkers_own_time(editor):
    article = ArticleFactory(satker=satker("prov-papua"), title="Judul Lama")
    first = revisions.record(article, editor)
    Revision.objects.filter(pk=first.pk).update(created_at=datetime(2026, 12, 3, 7, 22, tzinfo=UTC))
    first.refresh_from_db()
    article.title = "Judul Baru"
    article.save()
    revisions.record(article, editor)
    restored = revisions.restore(first, editor, article.version)
    assert restored.note == "Dipulihkan dari revisi Kamis, 3 Desember 2026 16.22 WIT"


def test_comparing_with_a_30_digit_revision_id_is_a_400(client, edited):
    url = reverse("admin:news_article_compare", args=[edited.pk])
    assert client.get(url, {"a": "9" * 30, "b": edited.revisions.first().pk}).status_code == 400


def test_restoring_a_revision_from_before_a_withdrawal_keeps_the_withdrawal(editor):
    article = ArticleFactory(title="Sebelum Ditarik")
    before = revisions.record(article, editor)
    article.title, article.withdrawn_at, article.withdrawal_reason = "Ditarik", timezone.now(), "Angka keliru."
    article.save()
    revisions.record(article, editor)
    revisions.restore(before, editor, article.version)
    article.refresh_from_db()
    assert article.title == "Sebelum Ditarik"
    assert article.withdrawn_at is not None and article.withdrawal_reason == "Angka keliru."
