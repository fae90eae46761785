"""SITE_URL, and so every canonical and share link, is https whenever DJANGO_DEBUG is off."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import budgets
from tests.factories import ArticleFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
READ = (
    "import json; from kpuportal import settings as s; print(json.dumps({'DEBUG': s.DEBUG, "
    "'SITE_URL': s.SITE_URL, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, 'SATKER_LOCALHOST_SITES': s.SATKER_LOCALHOST_SITES}))"
)


def start(**env):
    """kpuportal.settings as a fresh process with only `env` reads it."""
    return subprocess.run(
        [sys.executable, "-c", READ], capture_output=True, cwd=BASE_DIR, text=True, env={"PATH": "/usr/bin:/bin", **env}
    )


def settings_from(**env):
    result = start(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


DEVELOPMENT = {"DJANGO_DEBUG": "1"}  # as `make run` starts it
PRODUCTION = {"DJANGO_SECRET_KEY": "a-real-secret"}


def test_production_links_are_https_by_default():
    assert settings_from(**PRODUCTION)["SITE_URL"] == "https://www.kpu.go.id"


def test_development_links_point_at_the_local_server():
    assert settings_from(**DEVELOPMENT)["SITE_URL"] == "http://127.0.0.1:8000"


def test_production_refuses_a_plain_http_site_url():
    result = start(**PRODUCTION, SITE_URL="http://www.kpu.go.id")
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr


@pytest.mark.django_db
def test_canonical_and_share_links_are_https_in_production(client, settings, django_assert_max_num_queries):
    settings.SITE_URL = settings_from(**PRODUCTION)["SITE_URL"]
    article = ArticleFactory()  # KPU Kota Kediri, kota-kediri.kpu.go.id
    with django_assert_max_num_queries(budgets.ARTICLE_PAGE):
        page = client.get(article.get_absolute_url()).text
    canonical = f"https://kota-kediri.kpu.go.id{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert "https%3A%2F%2Fkota-kediri.kpu.go.id" in page  # the share links carry it, encoded
    assert "http://kota-kediri" not in page and "http%3A%2F%2Fkota-kediri" not in page
