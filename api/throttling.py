"""Per-client rate limit, counted in the Django cache (Redis in production): 429 + Retry-After.

A fixed window with one atomic increment per request, rather than DRF's own throttles, which
keep a list of every request time per client (read and rewritten on each request, and racy
between workers).
"""

import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from ops.clientip import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'120/minute' -> (120, 60). The period is read by its first letter, as DRF does."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period.strip()[0]]
    except (ValueError, KeyError, IndexError):
        raise ImproperlyConfigured(f"KPU_API_RATE must look like '120/minute', not {rate!r}.") from None


class ClientRateThrottle(BaseThrottle):
    """Requests per client IP per window, all API endpoints together.

    The IP is read as the lock-out and the view counter read it (ops/clientip.py:
    KPU_CLIENT_IP_HEADER behind a proxy), never from a client-sent X-Forwarded-For, which anyone
    could vary to escape the limit.
    """

    scope = "api"

    def allow_request(self, request, view):
        # Read at call time, so a changed setting (tests, reload) takes effect.
        limit, period = parse_rate(api_settings.DEFAULT_THROTTLE_RATES[self.scope])
        now = time.time()
        key = f"api:rate:{int(now // period)}:{client_ip(request)}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            count = 1
        self.retry_after = period - now % period
        return count is None or count <= limit  # None: the Redis cache is away; serve, do not fail

    def wait(self):
        return self.retry_after
