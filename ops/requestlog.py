"""One structured (JSON) log line per request, tied to a request id.

The id comes from the proxy's X-Request-ID when it looks like one (so nginx's and ours match),
otherwise it is made here; it is returned in the X-Request-ID header, so a reader reporting an
error page can quote it, and it is on every log line written while the request runs.
"""

import contextvars
import json
import logging
import os
import re
import time

logger = logging.getLogger("kpuportal.requests")

REQUEST_ID_HEADER = "X-Request-ID"
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")  # anything else (log injection, huge values) is replaced
current_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (LOGGING's formatter can show it)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


def request_id_from(environ):
    """The proxy's id when it looks like one, else a new one. From the WSGI environ
    (`request.META`), so pages answered before Django (pagecache/frontcache.py) use it too."""
    offered = environ.get("HTTP_X_REQUEST_ID", "")
    return offered if VALID_ID.match(offered) else os.urandom(16).hex()


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.META)
        token = current_request_id.set(request.request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            log_request(request, response.status_code, started)
            return response
        finally:
            current_request_id.reset(token)


def log_request(request, status, started):
    # Only a user already loaded by the view: loading it here would cost a query on every page.
    user = getattr(request, "_cached_user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    log_fields(request.request_id, request.META, status, started, user_id)


def log_fields(request_id, environ, status, started, user_id=None):
    """The log line, from the WSGI environ: pages answered before Django (pagecache/frontcache.py)
    log the same line."""
    level = logging.ERROR if status >= 500 else logging.INFO
    if not logger.isEnabledFor(level):
        return
    line = {
        "request_id": request_id,
        "method": environ.get("REQUEST_METHOD", ""),
        "path": environ.get("PATH_INFO", ""),
        "status": status,
        "duration_ms": round((time.monotonic() - started) * 1000, 1),
        "host": environ.get("HTTP_HOST", ""),
        "remote_addr": environ.get("REMOTE_ADDR", ""),
        "user_id": user_id,
    }
    logger.log(level, json.dumps(line, ensure_ascii=False), extra={"request_fields": line})
