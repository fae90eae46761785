"""Editors add redirects by hand in the admin; loops, other domains and other satkers are refused."""

import pytest
from django.urls import reverse

from legacy.models import OldLink
from satker.models import Role
from tests.factories import ArticleFactory, satker, staff_user

pytestmark = pytest.mark.django_db
ADD = "admin:legacy_oldlink_add"


def test_an_editor_adds_a_redirect_for_the_own_satker(client, editor):
    article = ArticleFactory(satker=satker("kota-kediri"))
    response = client.post(
        reverse(ADD), {"satker": satker("kota-bandung").pk, "old_url": "/berita/lama-sekali/", "article": article.pk}
    )
    assert response.status_code == 302
    link = OldLink.objects.get()
    assert (link.satker.slug, link.key, link.article) == ("kota-kediri", "path:/berita/lama-sekali/", article)


def test_a_redirect_to_another_satkers_article_is_refused(client, editor):
    other = ArticleFactory(satker=satker("kota-bandung"))
    response = client.post(reverse(ADD), {"old_url": "/lama/", "article": other.pk})
    assert response.status_code == 200
    assert not OldLink.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "\\\\evil"])
def test_a_redirect_to_another_domain_is_refused_with_a_clear_message(client, editor, target):
    response = client.post(reverse(ADD), {"old_url": "/lama/", "target_path": target})
    assert "bukan ke domain lain" in response.text
    assert not OldLink.objects.exists()


def test_a_redirect_loop_is_refused(client, editor):
    assert client.post(reverse(ADD), {"old_url": "/a/", "target_path": "/b/"}).status_code == 302
    response = client.post(reverse(ADD), {"old_url": "/b/", "target_path": "/a/"})
    assert "putaran" in response.text
    assert OldLink.objects.count() == 1


def test_a_redirect_to_itself_is_refused(client, editor):
    response = client.post(reverse(ADD), {"old_url": "/a/", "target_path": "/a/"})
    assert "putaran" in response.text


def test_a_hand_made_redirect_works_on_the_satker_domain(client, editor, settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    client.post(reverse(ADD), {"old_url": "https://kota-kediri.kpu.go.id/profil-lama/", "target_path": "/berita/"})
    client.logout()
    response = client.get("/profil-lama/", HTTP_HOST="kota-kediri.kpu.go.id")
    assert (response.status_code, response["Location"]) == (301, "/berita/")


def test_an_editor_cannot_see_another_satkers_redirects(client, editor):
    other = ArticleFactory(satker=satker("kota-bandung"))
    link = OldLink.objects.create(satker=satker("kota-bandung"), key="path:/x/", old_url="/x/", article=other)
    assert client.get(reverse("admin:legacy_oldlink_change", args=[link.pk])).status_code == 302
    assert "/x/" not in client.get(reverse("admin:legacy_oldlink_changelist")).text


def test_a_writer_cannot_manage_redirects(client):
    client.force_login(staff_user("penulis", "kota-kediri", Role.WRITER))
    assert client.get(reverse(ADD)).status_code == 403
