"""A link whose address the sanitizer drops keeps its words, not a red link to nowhere."""

import pytest

from news.sanitize import clean_html
from tests import budgets
from tests.factories import ArticleFactory


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"])
def test_a_link_with_a_dropped_address_becomes_its_text(href):
    cleaned = clean_html(f'<p>Baca <a href="{href}" title="x">pengumuman <b>ini</b></a> sekarang.</p>')
    assert cleaned == "<p>Baca pengumuman <b>ini</b> sekarang.</p>"


def test_good_links_and_abbreviations_stay():
    cleaned = clean_html('<p><a href="https://kpu.go.id/">KPU</a> <abbr>DPT</abbr></p>')
    assert '<a href="https://kpu.go.id/" rel="noopener noreferrer nofollow">KPU</a>' in cleaned


@pytest.mark.django_db
def test_the_public_page_shows_no_link_to_nowhere(client, django_assert_max_num_queries):
    article = ArticleFactory(body='<p>Klik <a href="javascript:alert(1)">di sini</a>.</p>')
    with django_assert_max_num_queries(budgets.ARTICLE_PAGE):
        page = client.get(article.get_absolute_url())
    assert "<p>Klik di sini.</p>" in page.text
