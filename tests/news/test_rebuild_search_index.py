"""`rebuild_search_index` puts back an index that lost its rows (an old backup restored, articles
written outside Django), on SQLite and PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from news.search_index import FTS_TABLE
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def titles(client, query):
    return [article.title for article in client.get(reverse("news:search"), {"q": query}).context["object_list"]]


def test_a_rebuild_makes_articles_findable_again_even_on_a_cached_search_page(client):
    ArticleFactory(title="Rekapitulasi suara kecamatan")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
        else:
            cursor.execute("UPDATE news_article SET search_vector = NULL")  # its trigger watches the text only
    assert titles(client, "rekapitulasi") == []
    output = StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert titles(client, "rekapitulasi") == ["Rekapitulasi suara kecamatan"]
    assert "Search index rebuilt: 1 articles" in output.getvalue()
