"""The "Pratinjau": the public page's look for any status, for the satker's staff only, never cached."""

import pytest
from django.urls import reverse

from news.models import Status
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("admin:news_article_preview", args=[article.pk])


def test_an_editor_previews_a_draft_with_the_public_template(client, editor):
    article = ArticleFactory(title="Draf Rahasia", status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    response = client.get(preview_url(article))
    assert response.status_code == 200
    assert "news/article_detail.html" in [t.name for t in response.templates]
    assert response.context["is_preview"] is True
    assert "Draf Rahasia" in response.text


def test_the_preview_is_never_cached_nor_indexed(client, editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    response = client.get(preview_url(article))
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_the_preview_does_not_count_a_view(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.get(preview_url(article))
    article.refresh_from_db()
    assert article.view_count == 0
    assert not article.daily_views.exists()


def test_another_satker_cannot_preview(client, bandung_editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    client.force_login(bandung_editor)
    assert client.get(preview_url(article)).status_code == 404


def test_a_province_previews_its_kabupaten_kota(client, province_editor):
    article = ArticleFactory(status=Status.REVIEW, published_at=None)
    client.force_login(province_editor)
    assert client.get(preview_url(article)).status_code == 200


def test_the_public_cannot_preview(client):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, satker=satker("kota-kediri"))
    response = client.get(preview_url(article))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
