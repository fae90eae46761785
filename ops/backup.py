"""Backup and restore of the whole site: the PostgreSQL database and the media folder.

A backup is one folder, `<dest>/kpuportal-<UTC time>/`, holding `database.dump` (pg_dump's custom
format: compressed, restorable table by table) and `media.tar.gz` (every upload and rendition),
plus `manifest.json` naming what is inside. `restore` loads both into an empty database and an
empty media folder, so a restore never mixes with what is there.

A backup holds password hashes, sessions and TOTP keys: its folders are made 0700 and its
files 0600 (owner only), whatever the umask.
"""

import contextlib
import json
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"
MANIFEST_NAME = "manifest.json"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


class BackupError(Exception):
    """A backup or restore cannot go on; the message names the cause and the fix (English, for operators)."""


@dataclass
class Target:
    """Where a database lives, as pg_dump/pg_restore need it."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias="default"):
        config = settings.DATABASES[alias]
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise BackupError(
                f"Backups need PostgreSQL; database {alias!r} uses {config['ENGINE']}. Set DATABASE_URL=postgres://..."
            )
        name = connections[alias].settings_dict["NAME"]  # the test database's name under pytest
        return cls(name, str(config.get("HOST") or ""), str(config.get("PORT") or ""), config.get("USER") or "",
                   config.get("PASSWORD") or "")  # fmt: skip

    def args(self):
        pairs = [("--host", self.host), ("--port", self.port), ("--username", self.user)]
        return [f"{flag}={value}" for flag, value in pairs if value]

    def env(self):
        return {**os.environ, "PGPASSWORD": self.password} if self.password else dict(os.environ)


def run(command, target):
    try:
        done = subprocess.run(command, env=target.env(), capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} was not found: install the PostgreSQL client tools.") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed (exit {done.returncode}): {done.stderr.strip()}")
    return done


def backup(dest, target=None, media_root=None):
    """Write a backup folder under `dest` and return its path."""
    target = target or Target.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    folder = Path(dest) / f"kpuportal-{timezone.now():%Y%m%dT%H%M%SZ}"
    if folder.exists():
        raise BackupError(f"{folder} already exists; wait a second or choose another --output folder.")
    with owner_only():
        make_private_folder(folder)
        run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={folder / DUMP_NAME}",
             *target.args(), target.name], target)  # fmt: skip
        files = 0
        with tarfile.open(folder / MEDIA_NAME, "w:gz") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
                        files += 1
        manifest = {"created_at": timezone.now().isoformat(), "database": target.name, "media_files": files}
        (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))
        for name in (DUMP_NAME, MEDIA_NAME, MANIFEST_NAME):
            (folder / name).chmod(FILE_MODE)  # also when the umask was ignored (some file systems)
    return folder


@contextlib.contextmanager
def owner_only():
    """Files created meanwhile (by this process and pg_dump) are readable by their owner only,
    from the first byte: no window in which another account could open them."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def make_private_folder(folder):
    """Create `folder` and any missing parent 0700; parents that exist are left as they are."""
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    for path in reversed(missing):
        path.mkdir(mode=FOLDER_MODE)
        path.chmod(FOLDER_MODE)


def check_backup_folder(folder):
    folder = Path(folder)
    missing = [name for name in (DUMP_NAME, MEDIA_NAME) if not (folder / name).is_file()]
    if missing:
        raise BackupError(f"{folder} is not a backup made by backup_site: {', '.join(missing)} missing.")
    return folder


def database_is_empty(target):
    done = run(["psql", "--no-psqlrc", "--tuples-only", "--no-align", *target.args(), "--dbname", target.name,
                "--command", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"], target)  # fmt: skip
    return done.stdout.strip() == "0"


def safe_members(archive, media_root):
    """The archive's regular files, refusing any that would land outside the media folder."""
    root = media_root.resolve()
    for member in archive.getmembers():
        if not member.isfile():
            continue
        destination = (root / member.name).resolve()
        if root not in destination.parents:
            raise BackupError(f"The media archive holds an unsafe path {member.name!r}; nothing was extracted.")
        yield member


def restore(folder, target=None, media_root=None):
    """Load a backup folder into an empty database and an empty (or missing) media folder.

    Returns (tables restored, media files restored)."""
    folder = check_backup_folder(folder)
    target = target or Target.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if not database_is_empty(target):
        raise BackupError(
            f"Database {target.name!r} is not empty. Restore into a new database (createdb), "
            "then point DATABASE_URL at it."
        )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"Media folder {media_root} is not empty. Restore into a new folder (MEDIA_ROOT=...).")
    run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         *target.args(), "--dbname", target.name, str(folder / DUMP_NAME)], target)  # fmt: skip
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_NAME, "r:gz") as archive:
        members = list(safe_members(archive, media_root))
        archive.extractall(media_root, members=members, filter="data")
    return len(members)
