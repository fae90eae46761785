"""The place line: "KEDIRI —" is written by the page from "Tempat", never twice."""

import pytest
from django.urls import reverse

from news.dateline import strip_repeated_place
from tests import budgets
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [
        "<p>KEDIRI – Komisi Pemilihan Umum menggelar rapat.</p>",
        "<p>Kediri — Komisi Pemilihan Umum menggelar rapat.</p>",
        "<p><strong>KEDIRI</strong> - Komisi Pemilihan Umum menggelar rapat.</p>",
        "<p><b>KEDIRI –</b> Komisi Pemilihan Umum menggelar rapat.</p>",
    ],
)
def test_a_pasted_place_line_that_repeats_the_place_is_dropped_on_save(body):
    article = ArticleFactory(dateline="Kediri", body=body)
    assert article.body == "<p>Komisi Pemilihan Umum menggelar rapat.</p>"


@pytest.mark.parametrize(
    "body",
    ["<p>Kota KEDIRI – jalan.</p>", "<p>KEDIRIAN – x</p>", "<p>Rapat di Kediri – lancar.</p>"],
)
def test_other_text_stays(body):
    assert strip_repeated_place(body, "Kediri") == body


def test_without_a_place_the_body_stays():
    article = ArticleFactory(dateline="", body="<p>KEDIRI – Rapat.</p>")
    assert article.body == "<p>KEDIRI – Rapat.</p>"


def test_the_public_page_says_the_place_once(client, django_assert_max_num_queries):
    article = ArticleFactory(dateline="Kediri", body="<p>KEDIRI – Rapat pleno digelar.</p>")
    with django_assert_max_num_queries(budgets.ARTICLE_PAGE):
        page = client.get(article.get_absolute_url())
    assert page.text.count("KEDIRI") == 1


def test_the_form_says_the_place_is_added_by_itself(client, writer):
    client.force_login(writer)
    page = client.get(reverse("admin:news_article_add"))
    assert "jangan ketik lagi di isi" in page.text
