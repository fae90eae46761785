"""A real browser counts a view through views.js, and through the pixel when JavaScript is off."""

import pytest
from django.template import Context, Template

from news.models import Article
from tests.factories import ArticleFactory

from .conftest import BROWSER_UA

pytestmark = [pytest.mark.browser]

PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title></head>
<body><h1>Berita</h1>{beacon}</body></html>"""


@pytest.fixture
def article_page(directory, live_server, browser):  # noqa: F811
    """Opens a page carrying {% view_beacon article %}, served at the live server's origin."""
    article = ArticleFactory()
    beacon = Template("{% load viewcount %}{% view_beacon article %}").render(Context({"article": article}))
    contexts = []

    def open_page(javascript=True):
        context = browser.new_context(user_agent=BROWSER_UA, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        url = f"{live_server.url}/uji-penghitung/"
        page.route(url, lambda route: route.fulfill(content_type="text/html", body=PAGE.format(beacon=beacon)))
        return page, url

    yield article, open_page
    for context in contexts:
        context.close()


def test_opening_the_article_sends_the_beacon_and_counts_one_view(article_page):
    article, open_page = article_page
    page, url = open_page()
    with page.expect_response(lambda response: "/kunjungan/" in response.url) as beacon:
        page.goto(url)
    assert beacon.value.status == 204
    assert Article.objects.get(pk=article.pk).view_count == 1


def test_reloading_the_article_does_not_count_again(article_page):
    article, open_page = article_page
    page, url = open_page()
    for _ in range(2):
        with page.expect_response(lambda response: "/kunjungan/" in response.url):
            page.goto(url)
    assert Article.objects.get(pk=article.pk).view_count == 1


def test_without_javascript_the_pixel_counts_the_view(article_page):
    article, open_page = article_page
    page, url = open_page(javascript=False)
    with page.expect_response(lambda response: "/kunjungan/piksel.gif" in response.url) as pixel:
        page.goto(url)
    assert pixel.value.status == 200
    assert Article.objects.get(pk=article.pk).view_count == 1
