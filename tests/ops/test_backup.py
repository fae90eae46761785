"""backup_site and restore_site: a backup restored into a fresh database and media folder holds
every article, revision and image."""

import io
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from news.models import Article, ArticleImage, Revision
from news.newsroom import revisions
from ops.backup import Target, restore
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)
RESTORE_DATABASE = "kpu_h_hardening_restore"


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL (CI runs this on PostgreSQL)")


@pytest.fixture
def fresh_database(postgresql):
    """An empty database next to the test database, dropped afterwards."""
    source = Target.from_settings()
    target = Target(RESTORE_DATABASE, source.host, source.port, source.user, source.password)
    args = target.args()
    subprocess.run(["dropdb", "--if-exists", *args, RESTORE_DATABASE], check=True, env=target.env())
    subprocess.run(["createdb", *args, RESTORE_DATABASE], check=True, env=target.env())
    yield target
    subprocess.run(["dropdb", "--if-exists", "--force", *args, RESTORE_DATABASE], check=True, env=target.env())


def rows(target, sql):
    params = {"dbname": target.name, "host": target.host or None, "port": target.port or None}
    params.update({"user": target.user} if target.user else {})
    with psycopg2.connect(password=target.password or None, **params) as db, db.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_a_backup_restores_into_a_fresh_database_and_media_folder(directory, fresh_database, image_file, tmp_path):
    articles = [
        ArticleFactory(featured_image=image_file(name=f"foto-{n}.jpg"), featured_image_alt="x") for n in range(3)
    ]
    ArticleImage.objects.create(article=articles[0], image=image_file(name="galeri.jpg"), alt_text="galeri")
    for article in articles:
        revisions.record(article, None)
    media = Path(django_settings.MEDIA_ROOT)
    images = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    assert len(images) >= 4  # originals and their WebP renditions

    out = io.StringIO()
    call_command("backup_site", output=tmp_path / "backups", stdout=out)
    folder = Path(out.getvalue().split("Backup written to ", 1)[1].strip())
    restored_media = tmp_path / "restored-media"
    restore(folder, target=fresh_database, media_root=restored_media)

    titles = {title for (title,) in rows(fresh_database, "SELECT title FROM news_article")}
    assert titles == set(Article.objects.values_list("title", flat=True))
    assert rows(fresh_database, "SELECT count(*) FROM news_revision")[0][0] == Revision.objects.count() == 3
    stored = {name for (name,) in rows(fresh_database, "SELECT featured_image FROM news_article")}
    stored |= {name for (name,) in rows(fresh_database, "SELECT image FROM news_articleimage")}
    assert stored <= {p.relative_to(restored_media).as_posix() for p in restored_media.rglob("*")}
    assert sorted(p.relative_to(restored_media).as_posix() for p in restored_media.rglob("*") if p.is_file()) == images
    assert (restored_media / images[0]).read_bytes() == (media / images[0]).read_bytes()


def test_restore_refuses_a_database_that_is_not_empty(directory, postgresql, tmp_path):
    out = io.StringIO()
    call_command("backup_site", output=tmp_path, stdout=out)
    folder = out.getvalue().split("Backup written to ", 1)[1].strip()
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore_site", folder)  # into the test database itself


def test_restore_refuses_a_folder_that_is_no_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup made by backup_site"):
        call_command("restore_site", str(tmp_path))


def test_backup_explains_that_it_needs_postgresql(settings, tmp_path):
    settings.DATABASES = {**settings.DATABASES, "default": {**settings.DATABASES["default"], "ENGINE": "x.sqlite3"}}
    with pytest.raises(CommandError, match="Backups need PostgreSQL"):
        call_command("backup_site", output=tmp_path)
