"""In Chromium at 1280 and 390 px: the add form, a revision comparison and the newsroom's 403 fit
the window (no sideways scrolling of the page); screenshots go to SCREENSHOT_DIR."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from news.newsroom import revisions
from satker.models import Role
from tests.factories import ArticleFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Rapat pleno terbuka rekapitulasi hasil penghitungan suara " * 6


def session_cookie(live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}


@pytest.mark.parametrize("width", [1280, 390])
def test_newsroom_pages_fit_the_window(live_server, page_at, screenshot, directory, width):
    editor = staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    writer = staff_user("penulis-kediri", "kota-kediri", Role.WRITER)
    article = ArticleFactory(title="Rapat Pleno", body=f"<p>{LONG}</p><p>Paragraf dua.</p>", lead=LONG[:200])
    first = revisions.record(article, editor)
    article.title, article.body = "Rapat Pleno Terbuka", f"<p>{LONG} Ditambah.</p><p>Paragraf tiga.</p>"
    article.save()
    second = revisions.record(article, editor)
    compare = reverse("admin:news_article_compare", args=[article.pk]) + f"?a={first.pk}&b={second.pk}"
    pages = [
        ("add", editor, reverse("admin:news_article_add"), 200),
        ("compare", editor, compare, 200),
        ("restore", editor, reverse("admin:news_article_restore", args=[article.pk, first.pk]), 200),
        ("403", writer, reverse("admin:news_oversight"), 403),
    ]
    for name, user, path, status in pages:
        page = page_at(width)
        page.context.add_cookies([session_cookie(live_server, user)])
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert response.status == status, name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        screenshot(page, f"h17b-{name}-{width}")
