import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from satker.models import Role

pytestmark = pytest.mark.django_db


def test_create_satker_user_binds_a_staff_account_to_one_satker_and_role():
    call_command(
        "create_satker_user", "operator-kediri", satker="kota-kediri", role="editor", password="pleno-aman-2024"
    )

    user = get_user_model().objects.get(username="operator-kediri")
    assert user.is_staff and not user.is_superuser
    assert (user.membership.satker.slug, user.membership.role) == ("kota-kediri", Role.EDITOR)
    assert user.check_password("pleno-aman-2024")
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]


def test_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KPU_PASSWORD", "dari-lingkungan-2024")
    call_command("create_satker_user", "penulis-papua", satker="prov-papua", role="writer")
    assert get_user_model().objects.get(username="penulis-papua").check_password("dari-lingkungan-2024")


def test_an_unknown_satker_is_a_clear_error():
    with pytest.raises(CommandError, match="Unknown satker 'kota-atlantis'"):
        call_command("create_satker_user", "x", satker="kota-atlantis", role="editor", password="pleno-aman-2024")
    assert not get_user_model().objects.filter(username="x").exists()


def test_an_unknown_role_is_a_clear_error():
    with pytest.raises(CommandError, match="Unknown role 'ketua'"):
        call_command("create_satker_user", "x", satker="kota-kediri", role="ketua", password="pleno-aman-2024")


def test_a_weak_password_is_refused_and_nothing_is_saved():
    with pytest.raises(CommandError, match="Password refused"):
        call_command("create_satker_user", "x", satker="kota-kediri", role="writer", password="12345")
    assert not get_user_model().objects.filter(username="x").exists()


def test_bad_arguments_exit_with_code_1(tmp_path):
    """Run as an operator would: the exit code is 1 and the message is on stderr."""
    result = subprocess.run(
        [sys.executable, "manage.py", "create_satker_user", "x", "--satker", "kota-kediri", "--role", "ketua"],
        capture_output=True,
        cwd=settings.BASE_DIR,
        text=True,
        env={"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "Unknown role 'ketua'" in result.stderr
