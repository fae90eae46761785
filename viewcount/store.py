"""Writes counted views to the database: the article's total and its daily row, in one transaction."""

from django.db import connection, transaction
from django.db.models import F

from .models import DailyViews, counted_articles

UPSERT_CHUNK = 500


def add_daily_views(counts):
    """Add views to DailyViews rows: {(article_id, date): views}. One INSERT ... ON CONFLICT per
    500 rows, atomic in the database, so concurrent writers never lose an increment (PostgreSQL
    and SQLite both support it)."""
    table = connection.ops.quote_name(DailyViews._meta.db_table)
    with connection.cursor() as cursor:
        items = sorted(counts.items())
        for start in range(0, len(items), UPSERT_CHUNK):
            chunk = items[start : start + UPSERT_CHUNK]
            placeholders = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params = [value for (article_id, day), views in chunk for value in (article_id, day.isoformat(), views)]
            cursor.execute(
                f'INSERT INTO {table} ("article_id", "date", "views") VALUES {placeholders} '
                f'ON CONFLICT ("article_id", "date") DO UPDATE SET "views" = {table}."views" + excluded."views"',
                params,
            )


def save_views(counts):
    """Add {(article_id, date): views} to view_count and the daily totals of articles that are
    public now; counts for drafts, scheduled, archived or deleted articles are dropped.
    Returns the number of views saved."""
    article_ids = {article_id for article_id, _day in counts}
    public = set(counted_articles().published().filter(pk__in=article_ids).values_list("pk", flat=True))
    kept = {key: views for key, views in counts.items() if key[0] in public and views > 0}
    totals = {}
    for (article_id, _day), views in kept.items():
        totals[article_id] = totals.get(article_id, 0) + views
    with transaction.atomic():
        # Ascending id order: concurrent flushes lock rows in the same order, so they cannot deadlock.
        for article_id in sorted(totals):
            counted_articles().filter(pk=article_id).update(view_count=F("view_count") + totals[article_id])
        if kept:
            add_daily_views(kept)
    return sum(totals.values())


def count_one_view(article_id, day):
    """The path without Redis: one atomic `view_count = view_count + 1` on a public article, and
    its daily row. Returns False (and writes nothing) when the article is not public."""
    with transaction.atomic():
        updated = counted_articles().published().filter(pk=article_id).update(view_count=F("view_count") + 1)
        if updated:
            add_daily_views({(article_id, day): 1})
    return bool(updated)
