"""A paginator that never counts more than it must: the count stops at a cap and is cached."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .freshness import generation

COUNT_CAP = 200_000  # 10,000 pages of 20: deeper than any reader goes
COUNT_TIMEOUT = 300


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
