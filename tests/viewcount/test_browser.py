"""A real browser counts a view through views.js, and through the pixel when JavaScript is off."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone
from playwright.sync_api import expect

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
    assert beacon.value.status == 200
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


# --- The real article page: readers behind one address, each browser its own id. ---------------


def stored_views(article):
    return Article.objects.get(pk=article.pk).view_count


@pytest.fixture
def reader_at(directory, live_server, browser, settings):
    """reader_at(context=None) opens the article page (from the page cache after the first time)
    in a fresh browser context, or again in the given one; returns the context and the shown
    count's locator once the beacon has answered. Every reader: the loopback address and the same
    Android Chrome User-Agent."""
    settings.PAGE_CACHE_SECONDS = 600  # the HTML (and its server-rendered number) goes stale
    article = ArticleFactory(view_count=7)
    contexts = []

    def open_article(context=None):
        if context is None:
            context = browser.new_context(user_agent=BROWSER_UA)
            contexts.append(context)
        page = context.new_page()
        with page.expect_response(lambda response: response.url.endswith("/kunjungan/")) as beacon:
            page.goto(live_server.url + article.get_absolute_url())
        assert beacon.value.status == 200
        return context, page.locator(f'[data-view-count="{article.pk}"]')

    yield article, open_article
    for context in contexts:
        context.close()


def shows(count_locator, views):
    expect(count_locator).to_have_text(re.compile(rf"\b{views}\b"))


@pytest.mark.django_db(transaction=True)
def test_fifty_readers_behind_one_address_each_count_and_see_the_stored_count(reader_at, screenshot):
    article, open_article = reader_at
    first = None
    for n in range(1, 51):
        context, shown = open_article()
        first = first or context
        assert stored_views(article) == 7 + n
        shows(shown, 7 + n)  # although the page itself came from the cache with an older number
    screenshot(shown.page, "viewcount-fifty-readers")

    context, shown = open_article(first)  # the first reader reloads within the window
    assert stored_views(article) == 57
    shows(shown, 57)

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):  # the window has passed
        context, shown = open_article(first)
        assert stored_views(article) == 58
        shows(shown, 58)
