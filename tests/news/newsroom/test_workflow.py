import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from news.models import Article, Status
from news.newsroom.workflow import check_status_change
from satker.models import Role
from tests.factories import ArticleFactory, satker, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return staff_user("penulis", "kota-kediri", Role.WRITER)


@pytest.fixture
def editor():
    return staff_user("editor", "kota-kediri", Role.EDITOR)


def test_a_writer_may_submit_a_draft_for_review(writer):
    check_status_change(writer, Article(status=Status.DRAFT), Status.REVIEW)


@pytest.mark.parametrize("target", [Status.PUBLISHED, Status.ARCHIVED])
def test_a_writer_cannot_publish_or_archive(writer, target):
    with pytest.raises(PermissionDenied):
        check_status_change(writer, Article(status=Status.REVIEW), target)


def test_a_writer_cannot_pull_back_a_published_article(writer):
    with pytest.raises(PermissionDenied):
        check_status_change(writer, Article(status=Status.PUBLISHED), Status.DRAFT)


def test_an_editor_may_publish(editor):
    check_status_change(editor, Article(status=Status.REVIEW), Status.PUBLISHED)


def test_a_writer_posting_publish_in_the_admin_gets_no_published_article(client, writer):
    client.force_login(writer)
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title": "Berita Penulis",
            "slug": "",
            "kind": "berita",
            "status": "published",
            "body": "<p>Isi</p>",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not Article.objects.filter(status=Status.PUBLISHED, title="Berita Penulis").exists()


def test_an_editor_publishes_through_the_admin_for_the_own_satker_only(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "satker": "999",
            "title": "Berita Editor",
            "kind": "berita",
            "status": "published",
            "body": "<p>Isi<script>alert(1)</script></p>",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Berita Editor")
    assert (article.satker.slug, article.author, article.body) == ("kota-kediri", editor, "<p>Isi</p>")
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_an_editor_cannot_open_another_satkers_article(client, editor):
    article = ArticleFactory(satker=satker("kota-bandung"))
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert response.status_code == 302  # the admin sends it away: not found in its scope
