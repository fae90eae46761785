"""The workflow as an editor uses it: actions on the list, filters by state, the review queue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def act(client, action, *articles):
    return client.post(
        reverse("admin:news_article_changelist"),
        {"action": f"{action}_action", "_selected_action": [str(a.pk) for a in articles]},
    )


def test_a_writer_submits_the_own_draft_for_review(client, writer):
    article = ArticleFactory(author=writer, status=Status.DRAFT, published_at=None)
    client.force_login(writer)
    act(client, "submit", article)
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_an_editor_publishes_what_waits_for_review(client, editor):
    article = ArticleFactory(status=Status.REVIEW, published_at=None)
    client.force_login(editor)
    act(client, "publish", article)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_a_scheduled_review_article_makes_it_public_now(client, editor):
    article = ArticleFactory(status=Status.REVIEW, published_at=timezone.now() + timedelta(days=3))
    client.force_login(editor)
    act(client, "publish", article)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_unpublish_takes_an_article_off_the_site_back_to_draft(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    act(client, "unpublish", article)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_archive_is_a_soft_delete_that_can_be_restored(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    act(client, "archive", article)
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED
    assert client.get(article.get_absolute_url()).status_code == 404
    act(client, "restore", article)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_an_action_on_a_mixed_selection_reports_what_it_skipped(client, editor):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    live = ArticleFactory()
    client.force_login(editor)
    response = act(client, "unpublish", draft, live)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["1 artikel dibatalkan terbitnya (kembali ke draf), 1 dilewati karena masih draf."]


@pytest.mark.parametrize(
    ("state", "expected"),
    [("draft", "Draf"), ("review", "Tinjau"), ("scheduled", "Jadwal"), ("live", "Tayang"), ("archived", "Arsip")],
)
def test_the_state_filter_shows_each_state(client, editor, state, expected):
    ArticleFactory(title="Draf", status=Status.DRAFT, published_at=None)
    ArticleFactory(title="Tinjau", status=Status.REVIEW, published_at=None)
    ArticleFactory(title="Jadwal", published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(title="Tayang")
    ArticleFactory(title="Arsip", status=Status.ARCHIVED)
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_changelist"), {"keadaan": state})
    assert [a.title for a in response.context["cl"].result_list] == [expected]


def test_an_editor_sees_at_a_glance_how_many_wait_for_review(client, editor):
    ArticleFactory.create_batch(2, status=Status.REVIEW, published_at=None)
    client.force_login(editor)
    assert "2 artikel menunggu tinjauan" in client.get(reverse("admin:news_article_changelist")).text
    assert "2 artikel menunggu tinjauan" in client.get(reverse("admin:index")).text
