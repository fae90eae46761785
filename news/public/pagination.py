"""A paginator that never counts more than it must and never reads whole rows it skips.

- The count stops early and is cached (per listing and content generation). Up to
  ESTIMATE_FROM rows it is exact; past that, on PostgreSQL, the planner's estimate of the same
  filtered query stands in for it (a recount of a million rows took 190 ms, and on election day
  every publication anywhere starts one), and the listing says "lebih dari 10.000 berita".
- A deep page is a deferred join: the ids of its 20 articles come first from the ordering's
  index alone (an index-only scan), then only those 20 rows are loaded with their joins and
  annotations. The ids are sought from a cached anchor (every 100th page's first position), so
  page 5,000 of a million articles reads at most 2,000 index entries, not 100,000 rows.
"""

import hashlib
import json
import math

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.utils.functional import cached_property

from pagecache.generations import generation

COUNT_CAP = 200_000  # 10,000 pages of 20: deeper than any reader goes
ESTIMATE_FROM = 10_000  # rows counted exactly; past this PostgreSQL's estimate is used
COUNT_TIMEOUT = 300
DEFERRED_JOIN_FROM = 200  # rows skipped (page 11 of 20): shallower pages load in one query
ANCHOR_ROWS = 2_000  # deep pages seek from a cached anchor every 100 pages (ids_from_anchor)


def planner_estimate(queryset):
    """The rows PostgreSQL expects the query to return (EXPLAIN, nothing run). Unlike
    pg_class.reltuples it applies the query's filters: the listing never shows drafts."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class CappedPaginator(Paginator):
    """Counts at most ESTIMATE_FROM + 1 rows (a LIMIT inside the COUNT), cached under `count_key`.

    The key names the listing (site and filters) and the content generation, so a new or
    changed article gives a fresh count at once. An estimated count (`is_estimate`) may be
    short or long: every page up to the cap may be asked for, a page past the real end is
    empty (a 404, like any page out of range), and each page loads one row more than it shows
    so that "next" is right whatever the estimate said.
    """

    def __init__(self, *args, count_key=None, scope_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.scope_id = scope_id

    @cached_property
    def counted(self):
        """(count, is_estimate)."""
        if self.count_key is None:
            return self.count_or_estimate()
        key = "pagecounted:" + hashlib.sha1(f"{generation(self.scope_id)}:{self.count_key}".encode()).hexdigest()
        return tuple(cache.get_or_set(key, self.count_or_estimate, COUNT_TIMEOUT))

    @cached_property
    def count(self):
        return self.counted[0]

    @property
    def is_estimate(self):
        return self.counted[1]

    @property
    def exact_up_to(self):
        """What an estimated listing says it holds more than ("lebih dari 10.000 berita")."""
        return ESTIMATE_FROM

    def count_or_estimate(self):
        if not self.can_estimate():
            return self.object_list.order_by()[:COUNT_CAP].count(), False
        count = self.object_list.order_by()[: ESTIMATE_FROM + 1].count()
        if count <= ESTIMATE_FROM:
            return count, False
        # Known to be more than ESTIMATE_FROM: the estimate only sizes the page links.
        return min(max(planner_estimate(self.object_list), ESTIMATE_FROM + 1), COUNT_CAP), True

    def can_estimate(self):
        """PostgreSQL only: SQLite (development, tests) has no row estimates, and counts exactly."""
        queryset = self.object_list
        return hasattr(queryset, "explain") and connections[queryset.db].vendor == "postgresql"

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            # An estimate may be short: any page up to the cap is tried, and page() says if it is empty.
            if self.is_estimate and str(number).isdigit() and 1 <= int(number) <= self.max_pages:
                return int(number)
            raise

    @property
    def max_pages(self):
        return math.ceil(COUNT_CAP / self.per_page)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if not self.is_estimate:
            if top + self.orphans >= self.count:
                top = self.count
            return self._get_page(self.rows(bottom, top), number, self)
        rows = self.rows(bottom, top + 1)  # one more: is there a next page?
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self.learn_from(bottom, rows)
        return self._get_page(rows[: self.per_page], number, self)

    def learn_from(self, bottom, rows):
        """Correct an estimated count by what a page found: the end, or rows past the estimate."""
        if len(rows) <= self.per_page:
            count = bottom + len(rows)
        else:
            count = min(max(self.count, bottom + len(rows)), COUNT_CAP)
        self.__dict__["count"] = count
        self.__dict__.pop("num_pages", None)

    def rows(self, bottom, top):
        if bottom < DEFERRED_JOIN_FROM or not hasattr(self.object_list, "values_list"):
            return list(self.object_list[bottom:top])
        ids = self.ids_from_anchor(bottom, top)
        if ids is None:
            ids = self.object_list.values_list("pk", flat=True)[bottom:top]
        ids = list(ids)
        # The same queryset narrowed to those ids keeps its order, joins and annotations.
        return list(self.object_list.filter(pk__in=ids))

    def ids_from_anchor(self, bottom, top):
        """The page's ids sought from the nearest anchor before it: the (published_at, id) of
        every ANCHOR_ROWS-th article, cached like the count. Page 5,000 then scans at most
        ANCHOR_ROWS index entries instead of 100,000; an anchor is found once per content
        generation. Only for the newest-first order (search orders by rank: no anchors)."""
        start = bottom // ANCHOR_ROWS * ANCHOR_ROWS
        if not start or self.count_key is None or self.object_list.query.order_by:
            return None
        articles = self.object_list
        key = "pageanchor:" + hashlib.sha1(f"{generation(self.scope_id)}:{self.count_key}:{start}".encode()).hexdigest()
        anchor = cache.get_or_set(
            key, lambda: list(articles.values_list("published_at", "pk")[start - 1 : start]), COUNT_TIMEOUT
        )
        if not anchor:
            return None
        published_at, pk = anchor[0]
        # A range on the index's first column (a seek), then the anchor's own timestamp trimmed.
        after = articles.filter(published_at__lte=published_at).exclude(published_at=published_at, pk__gte=pk)
        return after.values_list("pk", flat=True)[bottom - start : top - start]
