"""The server's own copy of JSON answers (the read API's article lists and details).

Kept behind the API's rate limit and parameter checks, unlike a page cache around the view,
and under the same generations as the pages: any content or satker change shows at once.
"""

import hashlib
import math
import time

from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer

from satker.directory_cache import current_generation as directory_generation

from .generations import generation
from .pages import PUBLIC_MAX_AGE

SERVER_CACHE_SECONDS = PUBLIC_MAX_AGE


def cached_json(request, build, expires_at):
    """The JSON of `build()`, kept until any article or satker changes, until `expires_at()` (a
    datetime such as the next scheduled publication, or None), or SERVER_CACHE_SECONDS pass
    (view counts move without a save)."""
    parts = [request.get_host(), request.get_full_path(), directory_generation(), generation(None)]
    key = "api:json:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    now = time.time()
    entry = cache.get(key)
    if entry is not None and entry[0] > now:
        content = entry[1]
    else:
        content = JSONRenderer().render(build())
        moment = expires_at()
        valid_until = min(now + SERVER_CACHE_SECONDS, moment.timestamp() if moment else math.inf)
        if valid_until > now:
            cache.set(key, (valid_until, content), timeout=math.ceil(valid_until - now))
    return HttpResponse(content, content_type="application/json")
