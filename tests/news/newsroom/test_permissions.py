"""Every role's reach, through the admin pages and by direct requests with forged ids."""

import pytest
from django.urls import reverse

from news.models import Article, Status
from tests.factories import ArticleFactory, satker

from .conftest import article_form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def changelist_titles(client):
    response = client.get(reverse("admin:news_article_changelist"))
    assert response.status_code == 200
    return {article.title for article in response.context["cl"].result_list}


def test_each_editor_lists_only_the_own_satkers_articles(client, editor, bandung_editor):
    ArticleFactory(title="Berita Kediri")
    ArticleFactory(title="Berita Bandung", satker=satker("kota-bandung"))
    client.force_login(editor)
    assert changelist_titles(client) == {"Berita Kediri"}
    client.force_login(bandung_editor)
    assert changelist_titles(client) == {"Berita Bandung"}


def test_a_province_lists_its_kabupaten_kota_but_not_another_provinces(client, province_editor):
    ArticleFactory(title="Berita Kediri")
    ArticleFactory(title="Berita Jatim", satker=satker("prov-jawa-timur"))
    ArticleFactory(title="Berita Bandung", satker=satker("kota-bandung"))
    client.force_login(province_editor)
    assert changelist_titles(client) == {"Berita Kediri", "Berita Jatim"}


def test_a_province_may_read_but_not_change_a_kabupaten_kota_article(client, province_editor):
    article = ArticleFactory(title="Berita Kediri")
    client.force_login(province_editor)
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]  # the read-only view
    response = client.post(change_url(article), article_form_data(title="Diubah Provinsi", status="published"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Berita Kediri"


def test_a_superadmin_lists_every_satker(client, superadmin):
    ArticleFactory(title="Berita Kediri")
    ArticleFactory(title="Berita Bandung", satker=satker("kota-bandung"))
    client.force_login(superadmin)
    assert changelist_titles(client) == {"Berita Kediri", "Berita Bandung"}


@pytest.mark.parametrize("role", ["writer", "editor", "satker_admin"])
def test_nobody_of_kediri_opens_or_posts_to_a_bandung_article(client, request, role):
    user = request.getfixturevalue(role)
    article = ArticleFactory(title="Berita Bandung", satker=satker("kota-bandung"))
    client.force_login(user)
    assert client.get(change_url(article)).status_code == 302  # "not found" in its scope
    client.post(change_url(article), article_form_data(title="Dibajak", status="published"))
    article.refresh_from_db()
    assert article.title == "Berita Bandung"


def test_a_forged_satker_id_on_change_keeps_the_article_in_its_satker(client, editor):
    article = ArticleFactory(title="Berita Kediri")
    client.force_login(editor)
    response = client.post(
        change_url(article), article_form_data(title="Judul Baru", satker=str(satker("kota-bandung").pk))
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.satker.slug) == ("Judul Baru", "kota-kediri")


def test_a_new_article_belongs_to_the_writers_satker_and_author(client, writer):
    client.force_login(writer)
    response = client.post(reverse("admin:news_article_add"), article_form_data(satker=str(satker("kota-bandung").pk)))
    assert response.status_code == 302
    article = Article.objects.get(title="Rapat Pleno Rekapitulasi")
    assert (article.satker.slug, article.author, article.status) == ("kota-kediri", writer, Status.DRAFT)


def test_a_writer_edits_the_own_draft(client, writer):
    article = ArticleFactory(author=writer, status=Status.DRAFT, published_at=None)
    client.force_login(writer)
    response = client.post(change_url(article), article_form_data(title="Draf Diperbaiki", status="review"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Draf Diperbaiki", Status.REVIEW)


def test_a_writer_cannot_change_a_colleagues_draft(client, writer, other_writer):
    article = ArticleFactory(author=other_writer, status=Status.DRAFT, published_at=None, title="Draf Rekan")
    client.force_login(writer)
    assert not client.get(change_url(article)).context["has_change_permission"]
    assert client.post(change_url(article), article_form_data(title="Diubah")).status_code == 403
    article.refresh_from_db()
    assert article.title == "Draf Rekan"


def test_a_writer_cannot_change_the_own_article_once_published(client, writer):
    article = ArticleFactory(author=writer, title="Sudah Terbit")
    client.force_login(writer)
    assert client.post(change_url(article), article_form_data(title="Diubah", status="draft")).status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Sudah Terbit", Status.PUBLISHED)


def test_a_writer_is_offered_only_draft_and_review(client, writer):
    client.force_login(writer)
    form = client.get(reverse("admin:news_article_add")).context["adminform"].form
    assert {value for value, _label in form.fields["status"].choices} == {"draft", "review"}


def test_an_editor_schedules_an_article_for_a_future_time(client, editor):
    client.force_login(editor)
    data = article_form_data(status="published", published_at_0="2099-01-01", published_at_1="08:00:00")
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    article = Article.objects.get(title="Rapat Pleno Rekapitulasi")
    assert article.is_scheduled()
    assert not Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize("role", ["writer", "editor", "satker_admin", "province_editor"])
def test_only_the_superadmin_deletes_for_good(client, request, role):
    article = ArticleFactory()
    client.force_login(request.getfixturevalue(role))
    url = reverse("admin:news_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code in (302, 403)
    assert Article.objects.filter(pk=article.pk).exists()


def test_the_superadmin_deletes_an_article(client, superadmin):
    article = ArticleFactory()
    client.force_login(superadmin)
    client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()


def test_the_superadmin_may_file_an_article_under_any_satker(client, superadmin):
    client.force_login(superadmin)
    data = article_form_data(satker=str(satker("kota-bandung").pk))
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    assert Article.objects.get(title="Rapat Pleno Rekapitulasi").satker.slug == "kota-bandung"


def test_the_body_is_sanitized_when_an_editor_saves(client, editor):
    client.force_login(editor)
    body = (
        '<p onclick="x()">Aman</p><script>alert(1)</script><img src="x" onerror="alert(1)">'
        '<a href="javascript:alert(1)">tautan</a><iframe src="https://evil.example/embed/x"></iframe>'
        '<iframe src="https://www.youtube.com/embed/abc123"></iframe>'
    )
    client.post(reverse("admin:news_article_add"), article_form_data(body=body))
    stored = Article.objects.get(title="Rapat Pleno Rekapitulasi").body
    for bad in ("script", "onclick", "onerror", "javascript:", "evil.example"):
        assert bad not in stored
    assert "https://www.youtube.com/embed/abc123" in stored


def test_an_action_with_another_satkers_id_changes_nothing(client, editor):
    article = ArticleFactory(satker=satker("kota-bandung"))
    client.force_login(editor)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "archive_action", "_selected_action": [str(article.pk)]},
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_province_action_on_a_kabupaten_kota_article_is_refused(client, province_editor):
    article = ArticleFactory()
    client.force_login(province_editor)
    response = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "archive_action", "_selected_action": [str(article.pk)]},
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_writer_is_not_offered_publishing_actions(client, writer):
    client.force_login(writer)
    actions = {
        name
        for name, _label in client.get(reverse("admin:news_article_changelist"))
        .context["action_form"]
        .fields["action"]
        .choices
    }
    assert "submit_action" in actions
    assert not actions & {"publish_action", "archive_action", "unpublish_action", "delete_selected"}


def test_a_writer_posting_a_publish_action_publishes_nothing(client, writer):
    article = ArticleFactory(author=writer, status=Status.REVIEW, published_at=None)
    client.force_login(writer)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_action", "_selected_action": [str(article.pk)]},
    )
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_a_user_without_a_satker_sees_no_article(client, db):
    from django.contrib.auth import get_user_model

    from satker.roles import group_for

    user = get_user_model().objects.create_user("tanpa-satker", password="x", is_staff=True)
    user.groups.add(group_for("editor"))
    ArticleFactory()
    client.force_login(user)
    assert changelist_titles(client) == set()
