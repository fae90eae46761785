"""Health endpoints for the load balancer and the orchestrator.

/healthz: the process answers (no database, no Redis: a liveness probe must not restart a healthy
worker because a dependency is away). /readyz: the database answers a query and, when REDIS_URL is
set, Redis answers a PING; 503 with the failing part named otherwise, so traffic moves elsewhere.
"""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

REDIS_TIMEOUT = 1  # seconds: a probe answers fast or reports the dependency as down


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Readiness: the database does not answer.", exc_info=True)
        return False


def redis_ok():
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
        with client:
            return bool(client.ping())
    except redis.RedisError:
        logger.warning("Readiness: Redis does not answer.", exc_info=True)
        return False


@never_cache
@require_safe
def readyz(request):
    checks = {"database": database_ok()}
    if settings.REDIS_URL:
        checks["redis"] = redis_ok()
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable", "checks": {k: "ok" if v else "down" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if ready else 503)
