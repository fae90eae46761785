"""The admin's side doors to another satker's unpublished articles: "view on site", preview and
statistics, the tag list, and django-otp's device pages answer as for an id that does not exist."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from news.models import Article, Status
from news.newsroom import revisions
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
MISSING = 987654


@pytest.fixture
def ambon_draft():
    return ArticleFactory(
        satker=satker("kota-ambon"),
        title="Draf Ambon",
        slug="draf-ambon-rahasia",
        status=Status.DRAFT,
        published_at=None,
    )


def same_page(found, missing):
    """The two 404 pages match once the logout form's CSRF token (new on every render) is taken out."""
    texts = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.text) for response in (found, missing)]
    return texts[0] == texts[1]


def view_on_site(pk):
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, pk])


def test_view_on_site_of_another_satkers_draft_is_a_404_like_a_missing_article(client, writer, ambon_draft):
    client.force_login(writer)
    found, missing = client.get(view_on_site(ambon_draft.pk)), client.get(view_on_site(MISSING))
    assert (found.status_code, missing.status_code) == (404, 404)
    assert same_page(found, missing)
    assert "draf-ambon-rahasia" not in found.text


def test_view_on_site_still_leads_to_an_own_article(client, editor):
    client.force_login(editor)
    article = ArticleFactory()
    response = client.get(view_on_site(article.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(article.get_absolute_url())


@pytest.mark.parametrize("bad", ["abc/1", "99999/1", f"{'9' * 30}/1"])
def test_view_on_site_with_a_malformed_address_is_a_404(client, editor, bad):
    client.force_login(editor)
    assert client.get(f"/admin/r/{bad}/").status_code == 404


@pytest.mark.parametrize("name", ["admin:news_article_preview", "admin:news_article_statistics"])
def test_preview_and_statistics_of_another_satkers_draft_are_a_404_like_a_missing_article(
    client, editor, ambon_draft, name
):
    client.force_login(editor)
    assert client.get(reverse(name, args=[ambon_draft.pk])).status_code == 404
    assert client.get(reverse(name, args=[MISSING])).status_code == 404


def test_the_tag_list_hides_tags_only_another_satkers_draft_carries(client, editor, ambon_draft):
    client.force_login(editor)
    ambon_draft.tags.add("calon-rahasia")
    ArticleFactory(satker=satker("kota-ambon"), tags=["pemilu-terbuka"])  # published: public
    text = client.get(reverse("admin:news_tag_changelist")).text
    assert "pemilu-terbuka" in text
    assert "calon-rahasia" not in text


def test_the_tag_list_shows_every_tag_to_the_superadmin(client, superadmin, ambon_draft):
    client.force_login(superadmin)
    ambon_draft.tags.add("calon-rahasia")
    assert "calon-rahasia" in client.get(reverse("admin:news_tag_changelist")).text


@pytest.mark.parametrize("name", ["admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"])
def test_an_unknown_authenticator_device_is_a_404_not_a_server_error(client, superadmin, name):
    client.force_login(superadmin)
    assert client.get(reverse(name, args=[MISSING])).status_code == 404


def test_the_history_comparison_and_restore_of_another_satkers_article_are_a_404(client, editor, ambon_draft):
    ambon_rev = revisions.record(ambon_draft, None)
    client.force_login(editor)
    for pk in (ambon_draft.pk, MISSING):
        assert client.get(reverse("admin:news_article_revisions", args=[pk])).status_code == 404
        compare = reverse("admin:news_article_compare", args=[pk])
        assert client.get(compare, {"a": ambon_rev.pk, "b": ambon_rev.pk}).status_code == 404
        restore = reverse("admin:news_article_restore", args=[pk, ambon_rev.pk])
        assert client.get(restore).status_code == 404
        assert client.post(restore, {"loaded_version": ambon_draft.version}).status_code == 404
    own = ArticleFactory(satker=satker("kota-kediri"))
    # A guessed revision id under an own article: the revision must belong to that article.
    guessed = reverse("admin:news_article_restore", args=[own.pk, ambon_rev.pk])
    assert client.get(guessed).status_code == 404
    assert client.post(guessed, {"loaded_version": own.version}).status_code == 404
    own.refresh_from_db()
    assert own.title != "Draf Ambon" and not own.revisions.filter(note__startswith="Dipulihkan").exists()
