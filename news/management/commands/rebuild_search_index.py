"""Rebuild the search index from the articles (docs/search.md).

SQLite: the FTS5 tables are emptied and refilled (after restoring an old backup, after writing
articles outside Django, or when a search looks wrong). PostgreSQL: every search vector is
recomputed by its trigger and the title-word table refilled; this rewrites every row, so run it
in a quiet hour at a million articles.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from news import search_index
from pagecache.generations import bump
from satker.directory_cache import directory


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all articles."

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            search_index.create(connection)  # tables, triggers and indexes, where missing
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("UPDATE news_article SET title = title")  # the trigger recomputes
            search_index.fill(connection)
        # Cached search pages and their counts were made from the old index: every site's go.
        bump(directory().by_id)
        count = self.count()
        self.stdout.write(f"Search index rebuilt: {count} articles in {time.monotonic() - started:.1f} s.")

    def count(self):
        with connection.cursor() as cursor:
            table = "news_article" if connection.vendor != "sqlite" else search_index.FTS_TABLE
            cursor.execute(f"SELECT count(*) FROM {table}")
            return cursor.fetchone()[0]
