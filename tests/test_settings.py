"""Settings come from the environment and refuse unsafe or malformed values at start."""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def start(**env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        cwd=BASE_DIR,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "kpuportal.settings", **env},
    )


def test_production_refuses_the_development_secret_key():
    result = start(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_malformed_database_url_is_a_clear_error():
    result = start(DJANGO_DEBUG="1", DATABASE_URL="postgress//nowhere")
    assert result.returncode != 0
    assert "DATABASE_URL is malformed" in result.stderr


def test_development_starts_on_the_sqlite_default():
    assert start(DJANGO_DEBUG="1").returncode == 0
