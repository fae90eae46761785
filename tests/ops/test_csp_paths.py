"""Inline script (CKEditor 4's inline handlers) is allowed on the article add and change form
only; every other page of the article admin (list, preview, revisions, compare, statistics,
history) runs under the staff policy, and does so in Chromium without a violation."""

import re

import pytest
from django.urls import reverse

from news.models import Article
from satker.models import Role
from tests.factories import PASSWORD, staff_user
from tests.news.newsroom.conftest import article_form_data

EDITOR = "editor-kediri"


def directives(header):
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip())


def policy(response):
    return directives(response["Content-Security-Policy"])


@pytest.fixture
def editor(db):
    return staff_user(EDITOR, "kota-kediri", Role.EDITOR)


def saved_twice(client):
    """An article saved twice through the admin, so it has two revisions to compare."""
    client.post(reverse("admin:news_article_add"), article_form_data(title="Judul Pertama", body="<p>Satu</p>"))
    article = Article.objects.get(title="Judul Pertama")
    client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form_data(title="Judul Kedua", slug=article.slug, body="<p>Dua</p>", tags="pemilu"),
    )
    article.refresh_from_db()
    return article


def form_paths(article):
    return [reverse("admin:news_article_add"), reverse("admin:news_article_change", args=[article.pk])]


def strict_paths(article):
    newest, first = article.revisions.all()[:2]
    return [
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_preview", args=[article.pk]),
        reverse("admin:news_article_revisions", args=[article.pk]),
        reverse("admin:news_article_compare", args=[article.pk]) + f"?a={first.pk}&b={newest.pk}",
        reverse("admin:news_article_statistics", args=[article.pk]),
        reverse("admin:news_article_history", args=[article.pk]),
    ]


@pytest.mark.django_db
class TestHeaderPerPath:
    @pytest.fixture
    def article(self, client, editor):
        client.force_login(editor)
        return saved_twice(client)

    def test_the_article_add_and_change_form_allow_inline_script(self, client, article):
        for path in form_paths(article):
            response = client.get(path)
            assert response.status_code == 200, path
            directives = policy(response)
            assert "'unsafe-inline'" in directives["script-src"], path
            assert "'unsafe-inline'" in directives["style-src"] and "blob:" in directives["img-src"], path

    def test_every_other_article_admin_page_runs_under_the_staff_policy(self, client, article):
        for path in strict_paths(article):
            response = client.get(path)
            assert response.status_code == 200, path
            directives = policy(response)
            assert directives["script-src"] == "'self'", path
            assert "'unsafe-inline'" in directives["style-src"], path

    @pytest.mark.parametrize(
        "path",
        [
            "/admin/news/article/1/delete/",  # an editor may not delete: a 403 page, same policy
            "/admin/news/article/add/extra/",
            "/admin/news/article/1/change/extra/",
            "/admin/news/article/1/changes/",
            "/admin/news/article/x/change/",
            "/admin/news/article/1/2/change/",
            "/admin/news/article/add",
            "/admin/news/articleadd/",
            "/admin/news/division/add/",
            "/admin/news/tag/add/",
            "/berita/?next=/admin/news/article/add/",
        ],
    )
    def test_look_alike_paths_get_no_inline_script(self, client, article, path):
        assert "'unsafe-inline'" not in policy(client.get(path))["script-src"]


LISTEN = """() => { window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_article_admin_pages_run_in_chromium_without_csp_violations(
    live_server, page_at, directory, editor, client
):
    client.force_login(editor)
    article = saved_twice(client)
    page = page_at(1280, 900)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(f"({LISTEN})()")
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", EDITOR)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    for path in [*strict_paths(article), *form_paths(article)]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        script_src = directives(response.headers["content-security-policy"])["script-src"]
        assert script_src == ("'self'" if path in strict_paths(article) else "'self' 'unsafe-inline'"), path
        assert page.evaluate("window.__violations") == [], path
    # The changelist's script still runs under the strict policy: "select all" ticks every row.
    page.goto(live_server.url + reverse("admin:news_article_changelist"))
    page.click("#action-toggle")
    assert page.locator("input.action-select:checked").count() == 1
    # CKEditor still starts on the change form.
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    assert page.evaluate("window.__violations") == []
    assert not [m for m in messages if "Content Security Policy" in m]
