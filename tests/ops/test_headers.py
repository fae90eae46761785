"""Security headers: a strict CSP on public pages, relaxed only for the admin and its editor,
Permissions-Policy, Referrer-Policy, nosniff, frame denial; `check --deploy` stays clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, ArticleFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def policy(response):
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";") if part
    )


def public_pages():
    article = ArticleFactory(tags=["pemilu"])
    return [reverse("home"), reverse("news:article_list"), article.get_absolute_url(), reverse("news:search")]


def test_public_pages_allow_no_inline_script_or_style(client):
    for path in public_pages():
        response = client.get(path)
        directives = policy(response)
        assert directives["script-src"] == "'self'", path
        assert directives["style-src"] == "'self'", path
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]


def test_public_pages_send_the_other_security_headers(client):
    response = client.get(reverse("home"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_gets_inline_styles_and_only_the_article_form_inline_script(client):
    client.force_login(get_user_model().objects.create_superuser("ri", "ri@kpu.go.id", PASSWORD))
    index = policy(client.get(reverse("admin:index")))
    assert "'unsafe-inline'" in index["style-src"] and index["script-src"] == "'self'"
    form = policy(client.get(reverse("admin:news_article_add")))
    assert "'unsafe-inline'" in form["script-src"]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "ci-" + "k3y-" * 16,
        "DJANGO_ALLOWED_HOSTS": "www.kpu.go.id",
        "SITE_URL": "https://www.kpu.go.id",
    }
    env.pop("DJANGO_SECURE_SSL_REDIRECT", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by tests/conftest.py for Playwright only
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
