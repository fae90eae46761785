"""Inside the newsroom a refusal or a missing page is a styled Indonesian page with a way back."""

import pytest
from django.urls import reverse

from news.models import Status
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db


def test_a_writer_opening_the_oversight_gets_the_newsroom_403(client, writer):
    client.force_login(writer)
    page = client.get(reverse("admin:news_oversight"), HTTP_REFERER="http://testserver/admin/news/article/")
    assert page.status_code == 403
    assert "Akses ditolak" in page.text and "Forbidden" not in page.text
    assert 'href="http://testserver/admin/news/article/"' in page.text  # back where the writer came from
    assert reverse("admin:index") in page.text and 'id="header"' in page.text  # the newsroom's own frame


def test_the_oversight_button_shows_only_for_those_it_opens_for(client, writer, province_editor):
    client.force_login(writer)
    assert reverse("admin:news_oversight") not in client.get(reverse("admin:news_article_changelist")).text
    client.force_login(province_editor)
    assert reverse("admin:news_oversight") in client.get(reverse("admin:news_article_changelist")).text


def test_another_satkers_preview_is_the_newsroom_page_not_djangos(client, bandung_editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    client.force_login(bandung_editor)
    page = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert page.status_code == 404  # unreadable and unknown answer the same (test_admin_walk.py)
    assert "Halaman tidak ditemukan" in page.text and "Not Found" not in page.text
    assert 'class="way-back"' in page.text


def test_a_refusal_says_why(client, province_editor):
    article = ArticleFactory(satker=satker("kota-kediri"))
    revision = article.revisions.create(data={"title": "Lama"})
    client.force_login(province_editor)
    page = client.get(reverse("admin:news_article_restore", args=[article.pk, revision.pk]))
    assert page.status_code == 403
    assert "Anda hanya dapat membaca artikel ini, tidak memulihkannya." in page.text
    assert 'class="way-back"' in page.text


def test_a_missing_newsroom_page_is_the_newsroom_404(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_revisions", args=[9_999_999]))
    assert page.status_code == 404
    assert "Halaman tidak ditemukan" in page.text and 'class="way-back"' in page.text


def test_public_pages_keep_the_sites_own_404(client):
    page = client.get("/tidak-ada-halaman-ini/")
    assert page.status_code == 404
    assert 'class="way-back"' not in page.text
