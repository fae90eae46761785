"""A backup holds password hashes and TOTP keys: its folders are 0700 and its files 0600, even
under a permissive umask."""

import os
import stat
from pathlib import Path

import pytest
from django.db import connection

from ops import backup as backup_module
from ops.backup import Target, backup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def permissive_umask():
    previous = os.umask(0o022)  # the usual server default: files 0644, folders 0755
    yield
    os.umask(previous)


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    (root / "artikel/kota-kediri/2026/11").mkdir(parents=True)
    (root / "artikel/kota-kediri/2026/11/foto.jpg").write_bytes(b"jpeg")
    return root


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def assert_owner_only(dest, folder):
    for path in [folder, *folder.parents]:
        if path == dest.parent:
            break
        assert mode(path) == 0o700, path
    assert {p.name: mode(p) for p in folder.iterdir()} == {
        "database.dump": 0o600,
        "media.tar.gz": 0o600,
        "manifest.json": 0o600,
    }


def fake_pg_dump(command, target):
    """Writes the dump as pg_dump would: a new file with the process's umask."""
    dump = next(arg.split("=", 1)[1] for arg in command if arg.startswith("--file="))
    Path(dump).write_bytes(b"PGDMP")


def test_backup_folders_are_0700_and_files_0600(monkeypatch, tmp_path, media):
    monkeypatch.setattr(backup_module, "run", fake_pg_dump)
    dest = tmp_path / "backups" / "nightly"
    folder = backup(dest, target=Target("kpu"), media_root=media)
    assert_owner_only(dest, folder)


def test_an_existing_output_folder_keeps_its_own_mode(monkeypatch, tmp_path, media):
    monkeypatch.setattr(backup_module, "run", fake_pg_dump)
    dest = tmp_path / "backups"
    dest.mkdir(mode=0o750)
    folder = backup(dest, target=Target("kpu"), media_root=media)
    assert mode(dest) == 0o750 and mode(folder) == 0o700


def test_the_umask_is_restored_after_a_backup(monkeypatch, tmp_path, media):
    monkeypatch.setattr(backup_module, "run", fake_pg_dump)
    backup(tmp_path / "backups", target=Target("kpu"), media_root=media)
    assert os.umask(0o022) == 0o022


def test_a_real_pg_dump_writes_an_owner_only_backup(directory, tmp_path, media):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL (CI runs this on PostgreSQL)")
    dest = tmp_path / "backups"
    assert_owner_only(dest, backup(dest, media_root=media))
