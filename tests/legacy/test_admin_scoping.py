"""The old-link form's article field shows and takes only the own satker's articles, whatever
the query string, the posted form or the autocomplete asks for."""

import pytest
from django.urls import reverse

from legacy.models import OldLink
from news.models import Status
from satker.models import Role
from tests.factories import ArticleFactory, satker, staff_user

pytestmark = pytest.mark.django_db
ADD = "admin:legacy_oldlink_add"


@pytest.fixture
def ambon_draft():
    return ArticleFactory(
        satker=satker("kota-ambon"), title="Draf Rahasia Ambon", status=Status.DRAFT, published_at=None
    )


def autocomplete(client, term):
    query = {"app_label": "legacy", "model_name": "oldlink", "field_name": "article", "term": term}
    return client.get(reverse("admin:autocomplete"), query)


def test_an_article_of_another_satker_in_the_query_string_shows_no_title(client, editor, ambon_draft):
    response = client.get(reverse(ADD), {"article": ambon_draft.pk})
    assert response.status_code == 200
    assert "Draf Rahasia Ambon" not in response.text
    assert f'value="{ambon_draft.pk}"' not in response.text


def test_an_own_article_in_the_query_string_is_preselected(client, editor):
    own = ArticleFactory(title="Rapat Pleno Kediri")
    response = client.get(reverse(ADD), {"article": own.pk})
    assert f'<option value="{own.pk}" selected>Rapat Pleno Kediri</option>' in response.text


def test_a_refused_post_does_not_show_the_other_satkers_title(client, editor, ambon_draft):
    response = client.post(reverse(ADD), {"old_url": "/lama/", "article": ambon_draft.pk})
    assert response.status_code == 200
    assert "Pilih pilihan yang valid" in response.text or "Masukkan pilihan yang valid" in response.text
    assert "Draf Rahasia Ambon" not in response.text
    assert not OldLink.objects.exists()


@pytest.mark.parametrize("value", ["bukan-angka", "9" * 30, "-1"])
def test_a_malformed_article_is_a_form_error_not_a_server_error(client, editor, value):
    assert client.get(reverse(ADD), {"article": value}).status_code == 200
    response = client.post(reverse(ADD), {"old_url": "/lama/", "article": value})
    assert response.status_code == 200
    assert not OldLink.objects.exists()


def test_the_article_autocomplete_finds_only_the_own_satkers_articles(client, editor, ambon_draft):
    ArticleFactory(title="Draf Rahasia Kediri", status=Status.DRAFT, published_at=None)
    found = [item["text"] for item in autocomplete(client, "Draf Rahasia").json()["results"]]
    assert found == ["Draf Rahasia Kediri"]


def test_a_province_links_only_to_its_own_articles_not_those_of_its_kab_kota(client):
    client.force_login(staff_user("admin-jatim", "prov-jawa-timur", Role.ADMIN))
    ArticleFactory(satker=satker("kota-kediri"), title="Berita Kediri")
    ArticleFactory(satker=satker("prov-jawa-timur"), title="Berita Jatim")
    assert [item["text"] for item in autocomplete(client, "Berita").json()["results"]] == ["Berita Jatim"]
