"""Public pages may be cached by browsers and CDNs; drafts and the admin never."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "news:article_list", "news:search", "news:feed"])
def test_public_pages_are_cacheable_and_answer_conditional_requests(client, name):
    ArticleFactory()
    response = client.get(reverse(name))
    if name != "news:feed":
        assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_article_page_is_cacheable_and_varies_by_host(client):
    response = client.get(ArticleFactory().get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert "Host" in response["Vary"]


def test_admin_is_never_cached(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
