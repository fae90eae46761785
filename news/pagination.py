"""A paginator that never counts more than it must and never reads whole rows it skips.

- The count stops at a cap and is cached (per listing and content generation).
- A deep page is a deferred join: the ids of its 20 articles come first from the ordering's
  index alone (an index-only scan), then only those 20 rows are loaded with their joins and
  annotations. The ids are sought from a cached anchor (every 100th page's first position), so
  page 5,000 of a million articles reads at most 2,000 index entries, not 100,000 rows.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .freshness import generation

COUNT_CAP = 200_000  # 10,000 pages of 20: deeper than any reader goes
COUNT_TIMEOUT = 300
DEFERRED_JOIN_FROM = 200  # rows skipped (page 11 of 20): shallower pages load in one query
ANCHOR_ROWS = 2_000  # deep pages seek from a cached anchor every 100 pages (ids_from_anchor)


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows (a LIMIT inside the COUNT), cached under `count_key`.

    The key names the listing (host and filters) and the content generation, so a new or
    changed article gives a fresh count at once.
    """

    def __init__(self, *args, count_key=None, scope_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.scope_id = scope_id

    @cached_property
    def count(self):
        if self.count_key is None:
            return self.capped_count()
        key = "pagecount:" + hashlib.sha1(f"{generation(self.scope_id)}:{self.count_key}".encode()).hexdigest()
        return cache.get_or_set(key, self.capped_count, COUNT_TIMEOUT)

    def capped_count(self):
        return self.object_list.order_by()[:COUNT_CAP].count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEFERRED_JOIN_FROM or not hasattr(self.object_list, "values_list"):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.ids_from_anchor(bottom, top)
        if ids is None:
            ids = self.object_list.values_list("pk", flat=True)[bottom:top]
        ids = list(ids)
        # The same queryset narrowed to those ids keeps its order, joins and annotations.
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)

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
