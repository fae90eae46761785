from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import titles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def follow(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_following_next_visits_every_article_once_even_while_new_ones_are_published(api, client):
    now = timezone.now()
    for number in range(7):
        ArticleFactory(title=f"A{number}", published_at=now - timedelta(hours=number + 1))
    # Three share one publication time: the id breaks the tie.
    same_time = now - timedelta(hours=10)
    for number in range(3):
        ArticleFactory(title=f"B{number}", published_at=same_time)
    page = api("article_list", page_size=3)
    seen = titles(page)
    ArticleFactory(title="Baru sekali", published_at=now - timedelta(minutes=1))
    while page["next"]:
        page = follow(client, page["next"])
        seen += titles(page)
    assert seen == [f"A{n}" for n in range(7)] + ["B2", "B1", "B0"]


def test_the_last_page_has_no_next_link(api):
    ArticleFactory.create_batch(2)
    assert api("article_list", page_size=2)["next"] is None
    assert len(api("article_list", page_size=2)["results"]) == 2


def test_the_default_page_has_20_articles_and_100_is_the_most(api):
    ArticleFactory.create_batch(21)
    assert len(api("article_list")["results"]) == 20
    assert api("article_list")["next"] is not None
    assert len(api("article_list", page_size=100)["results"]) == 21


@pytest.mark.parametrize("size", ["0", "101", "1000000", "-1", "dua", "1.5", "²"])
def test_a_page_size_out_of_range_is_a_400(api, size):
    body = api("article_list", page_size=size, status=400)
    assert list(body["error"]["fields"]) == ["page_size"]


@pytest.mark.parametrize(
    "cursor",
    [
        "bukan-kursor",
        "!!!",
        "W10",  # base64 of []
        "WyJ4IiwxXQ",  # ["x",1]
        "WyIyMDI0LTAxLTAxVDAwOjAwOjAwIiwxXQ",  # a time without a zone
        "WyIyMDI0LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwxMDAwMDAwMDAwMDAwMDAwMDAwMDAwXQ",  # an id past bigint
        "WyIwMDAxLTAxLTAxVDAwOjAwOjAwKzA3OjAwIiwxXQ",  # 0001-01-01 +07:00, before the first UTC time
    ],
)
def test_a_malformed_cursor_is_a_400(api, cursor):
    body = api("article_list", cursor=cursor, status=400)
    assert list(body["error"]["fields"]) == ["cursor"]
