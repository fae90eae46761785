"""Writes counted views to the database: the article's total, its daily row and the visitor's
RecentView row, in one transaction. The RecentView upsert is the one rule "one view per visitor
per article per window" that every path ends in (no Redis, Redis, Redis away), so a view is never
counted twice however it travels.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from .models import DailyViews, RecentView, counted_articles

UPSERT_CHUNK = 500
CLEANUP_SECONDS = 300  # a worker deletes expired RecentView rows at most this often


@dataclass(frozen=True)
class View:
    article_id: int
    day: object  # datetime.date (Asia/Jakarta) of the view
    visitor: str | None  # visitor key; None: a count from before visitors were kept (counted as is)
    at: int  # Unix seconds of the view
    views: int = 1


def window_seconds():
    return settings.VIEWCOUNT_WINDOW_MINUTES * 60


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


def claim_views(views):
    """Record each (visitor, article) view in RecentView unless that visitor's view of that
    article already counted within the window; returns the views that count now. One
    INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING per chunk: the database decides, so
    concurrent workers (and a view that reached it twice) can never both win."""
    table = connection.ops.quote_name(RecentView._meta.db_table)
    won = set()
    with connection.cursor() as cursor:
        for start in range(0, len(views), UPSERT_CHUNK):
            chunk = views[start : start + UPSERT_CHUNK]
            placeholders = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params = [value for view in chunk for value in (view.visitor, view.article_id, view.at)]
            cursor.execute(
                f'INSERT INTO {table} ("visitor", "article_id", "counted_at") VALUES {placeholders} '
                f'ON CONFLICT ("visitor", "article_id") DO UPDATE SET "counted_at" = excluded."counted_at" '
                f'WHERE {table}."counted_at" <= excluded."counted_at" - %s '
                f'RETURNING "visitor", "article_id"',
                [*params, window_seconds()],
            )
            won.update(cursor.fetchall())
    return [view for view in views if (view.visitor, view.article_id) in won]


def first_per_visitor(views):
    """One statement may touch a row once: of several views by one visitor of one article in a
    batch, the earliest goes first; the others (a batch is shorter than the window) are repeats."""
    first = {}
    for view in sorted(views, key=lambda v: v.at):
        first.setdefault((view.visitor, view.article_id), view)
    return list(first.values())


def save_views(views):
    """Count a batch of views (a Redis flush, or a worker's buffer while Redis is away): only
    views of articles public now, only each visitor's first view of an article in the window.
    Returns the number of views saved."""
    article_ids = {view.article_id for view in views}
    public = set(counted_articles().published().filter(pk__in=article_ids).values_list("pk", flat=True))
    kept = [view for view in views if view.article_id in public and view.views > 0]
    with transaction.atomic():
        anonymous = [view for view in kept if view.visitor is None]
        counted = anonymous + claim_views(first_per_visitor([view for view in kept if view.visitor]))
        totals, daily = {}, {}
        for view in counted:
            totals[view.article_id] = totals.get(view.article_id, 0) + view.views
            daily[(view.article_id, view.day)] = daily.get((view.article_id, view.day), 0) + view.views
        # Ascending id order: concurrent flushes lock rows in the same order, so they cannot deadlock.
        for article_id in sorted(totals):
            counted_articles().filter(pk=article_id).update(view_count=F("view_count") + totals[article_id])
        if daily:
            add_daily_views(daily)
    return sum(totals.values())


def public_view_count(article_id):
    """The stored count of a public article, or None when it is not public (unknown, draft,
    scheduled, archived)."""
    return counted_articles().published().filter(pk=article_id).values_list("view_count", flat=True).first()


def count_one_view(view):
    """The path without Redis. Returns (counted, the article's count after this view);
    (None, None), with nothing written, when the article is not public."""
    count = public_view_count(view.article_id)
    if count is None:
        return None, None
    with transaction.atomic():
        if not claim_views([view]):
            return False, count
        # published() again: an article withdrawn since the read above is not counted.
        if not counted_articles().published().filter(pk=view.article_id).update(view_count=F("view_count") + 1):
            transaction.set_rollback(True)
            return None, None
        add_daily_views({(view.article_id, view.day): 1})
    cleanup_now_and_then()
    return True, count + 1


_next_cleanup = [time.monotonic() + CLEANUP_SECONDS]


def cleanup_now_and_then():
    if time.monotonic() >= _next_cleanup[0]:
        _next_cleanup[0] = time.monotonic() + CLEANUP_SECONDS
        delete_expired_recent_views()


def delete_expired_recent_views():
    """Forget visitors whose window has passed. Returns how many rows went."""
    deleted, _ = RecentView.objects.filter(counted_at__lte=int(time.time()) - window_seconds()).delete()
    return deleted
