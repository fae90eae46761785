"""Caching of API answers: headers for clients (ETag and 304 come from ConditionalGetMiddleware,
see settings) and the server's own copy of article JSON."""

import hashlib
import math
import time

from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from news.models import Article, Status
from pagecache.generations import generation
from pagecache.pages import PUBLIC_MAX_AGE
from satker.directory_cache import current_generation as directory_generation

SERVER_CACHE_SECONDS = PUBLIC_MAX_AGE

PUBLIC = f"public, max-age={PUBLIC_MAX_AGE}"
# A 429 belongs to one client, and a 5xx should not outlive its cause: stored only to revalidate.
PRIVATE = "private, no-cache"


def set_cache_headers(response):
    """Answers and client errors (400, 404) are the same for everyone for a minute."""
    if response.status_code == 429 or response.status_code >= 500:
        response["Cache-Control"] = PRIVATE
    elif not response.has_header("Cache-Control"):
        response["Cache-Control"] = PUBLIC
    return response


def next_publication():
    """When the next scheduled article goes public (a Unix time), or None."""
    moment = Article.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now()).aggregate(
        first=Min("published_at")
    )["first"]
    return moment.timestamp() if moment else None


def cached_json(request, build):
    """The JSON of `build()`, kept in the cache until any article or satker changes, the next
    scheduled article goes public, or SERVER_CACHE_SECONDS pass (view counts move without a save).

    Kept behind the rate limit and the parameter checks, unlike a page cache around the view.
    """
    parts = [request.get_host(), request.get_full_path(), directory_generation(), generation(None)]
    key = "api:json:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    now = time.time()
    entry = cache.get(key)
    if entry is not None and entry[0] > now:
        content = entry[1]
    else:
        content = JSONRenderer().render(build())
        scheduled = next_publication()
        valid_until = min(now + SERVER_CACHE_SECONDS, scheduled or math.inf)
        if valid_until > now:
            cache.set(key, (valid_until, content), timeout=math.ceil(valid_until - now))
    return HttpResponse(content, content_type="application/json")
