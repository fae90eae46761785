"""The admin's article search is the site's search (stems, phrases, exclusion), still scoped to
the editor's satker, and drafts are found there too."""

import pytest
from django.urls import reverse

from news.models import Status
from satker.models import Role
from tests.factories import ArticleFactory, satker, staff_user

pytestmark = pytest.mark.django_db


def listed(client, term):
    response = client.get(reverse("admin:news_article_changelist"), {"q": term})
    assert response.status_code == 200
    return sorted(article.title for article in response.context["cl"].result_list)


def test_an_editor_finds_own_articles_by_stem_and_half_typed_title(client):
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    ArticleFactory(title="Draf pemilihan wali kota", status=Status.DRAFT)
    ArticleFactory(title="Sosialisasi pemilih pemula")
    ArticleFactory(title="Pemilihan di Surabaya", satker=satker("kota-surabaya"))
    assert listed(client, "memilih") == ["Draf pemilihan wali kota", "Sosialisasi pemilih pemula"]
    assert listed(client, "memilih -pemula") == ["Draf pemilihan wali kota"]
    assert listed(client, "sosialis") == ["Sosialisasi pemilih pemula"]


def test_a_nul_character_in_the_admin_search_is_not_a_server_error(client):
    # Django's changelist search form refuses NUL (PostgreSQL would raise on it) and lists all.
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    ArticleFactory(title="Rapat pleno")
    assert listed(client, "rapat\x00") == ["Rapat pleno"]
