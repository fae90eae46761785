"""Messages that say what was done, and the newsroom list with the work in progress on top."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from tests.factories import ArticleFactory

from .conftest import article_form_data

pytestmark = pytest.mark.django_db


def act(client, action, articles, query=""):
    return client.post(
        reverse("admin:news_article_changelist") + query,
        {"action": f"{action}_action", "_selected_action": [str(a.pk) for a in articles]},
        follow=True,
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_publishing_from_the_review_filter_names_the_action_and_never_counts_below_zero(client, editor):
    waiting = ArticleFactory(status=Status.REVIEW, published_at=None)
    client.force_login(editor)
    response = act(client, "publish", [waiting], query="?keadaan=review")
    assert messages_of(response) == ["1 artikel diterbitkan."]


def test_a_mixed_selection_says_what_was_done_and_why_the_rest_was_skipped(client, editor):
    waiting = ArticleFactory(status=Status.REVIEW, published_at=None)
    live = ArticleFactory()
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    client.force_login(editor)
    response = act(client, "publish", [waiting, live, scheduled])
    (message,) = messages_of(response)
    assert message.startswith("1 artikel diterbitkan, ")
    assert "1 dilewati karena sudah terbit" in message and "1 dilewati karena sudah terjadwal" in message
    assert "-" not in message


def test_an_action_that_changed_nothing_warns(client, editor):
    live = ArticleFactory()
    client.force_login(editor)
    response = act(client, "publish", [live])
    assert messages_of(response) == ["0 artikel diterbitkan, 1 dilewati karena sudah terbit."]
    assert "warning" in list(response.context["messages"])[0].tags


@pytest.mark.parametrize(
    ("status", "expected"),
    [("draft", "Disimpan sebagai draf"), ("review", "Diajukan untuk ditinjau"), ("published", "Diterbitkan")],
)
def test_saving_the_form_says_what_the_save_did(client, editor, status, expected):
    client.force_login(editor)
    response = client.post(reverse("admin:news_article_add"), article_form_data(status=status), follow=True)
    (message,) = messages_of(response)
    assert "berhasil" in message and expected in message


def test_a_future_time_says_scheduled(client, editor):
    client.force_login(editor)
    later = timezone.localtime() + timedelta(days=3)
    data = article_form_data(
        status="published", published_at_0=later.strftime("%Y-%m-%d"), published_at_1=later.strftime("%H:%M:%S")
    )
    response = client.post(reverse("admin:news_article_add"), data, follow=True)
    assert "Dijadwalkan" in messages_of(response)[0]


def test_drafts_come_first_then_the_newest(client, editor):
    old = ArticleFactory(title="Terbit lama", published_at=timezone.now() - timedelta(days=30))
    new = ArticleFactory(title="Terbit baru", published_at=timezone.now() - timedelta(hours=1))
    first_draft = ArticleFactory(title="Draf pertama", status=Status.DRAFT, published_at=None)
    second_draft = ArticleFactory(title="Draf kedua", status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_changelist"))
    shown = [article.pk for article in page.context["cl"].result_list]
    assert shown == [second_draft.pk, first_draft.pk, new.pk, old.pk]


def test_withdrawing_says_withdrawn_not_back_to_draft(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    local = timezone.localtime(article.published_at)
    data = article_form_data(
        title=article.title, slug=article.slug, status="published", loaded_version=article.version,
        published_at_0=local.strftime("%d-%m-%Y"), published_at_1=local.strftime("%H.%M.%S"),
        withdrawn="on", withdrawal_reason="Angka keliru.",
    )  # fmt: skip
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data, follow=True)
    (message,) = messages_of(response)
    assert "Ditarik" in message and "draf" not in message
    article.refresh_from_db()
    assert article.withdrawn_at is not None
