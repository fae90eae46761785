"""seed_demo creates superuser 'admin' with the published demo password: with DJANGO_DEBUG off it
refuses, in English, unless --force is given."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DJANGO_DEBUG off.*--force"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_seed_demo_runs_with_debug_off_when_forced(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setattr("news.management.commands.seed_demo.seed_demo", lambda: (0, ["admin"]))
    call_command("seed_demo", "--force")  # no CommandError


def test_seed_demo_runs_with_debug_on(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr("news.management.commands.seed_demo.seed_demo", lambda: (0, ["admin"]))
    call_command("seed_demo")
