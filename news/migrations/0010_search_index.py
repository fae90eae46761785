"""Search index (docs/search.md). SQLite: FTS5 tables of Indonesian stems kept by triggers on
news_article, backfilled here. PostgreSQL: the search vector stays as migration 0006 made it;
this adds pg_trgm and the title-word table for "Mungkin maksud Anda". Each database's
operations are no-ops on the other."""

from django.db import migrations

from news import search_index


def create(apps, schema_editor):
    search_index.create(schema_editor.connection)
    search_index.fill(schema_editor.connection)


def drop(apps, schema_editor):
    search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("news", "0009_article_corrections")]

    operations = [migrations.RunPython(create, drop)]
