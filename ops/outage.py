"""Friendly answers when the server's own resources fail, instead of a bare 500.

The database away (connection refused, dropped mid-request): 503 with templates/503.html in
Indonesian and Retry-After, never cached; the next request reconnects by itself
(CONN_HEALTH_CHECKS), so the site recovers when the database returns. The disk full while an
upload is stored: 507 with a page that says so (the editor's upload gets CKEditor's JSON error).
The middleware catches what views raise; `server_error` (handler500) catches the same faults raised
by other middleware (a session or a satker lookup), which never reach a middleware's
process_exception.
"""

import errno
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def is_disk_full(exc):
    return isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS


def database_unavailable(request):
    # Rendered without a request context: the context processors could query the database.
    body = loader.render_to_string("503.html", {"request_id": getattr(request, "request_id", "")})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def disk_full(request):
    message = _("Penyimpanan server penuh: berkas tidak dapat disimpan dan tidak ada yang diubah. Hubungi admin.")
    if request.path == reverse("ckeditor_upload"):
        # CKEditor shows `error.message` only from a 200 answer (news/newsroom/editor_upload.py).
        response = JsonResponse({"uploaded": 0, "error": {"message": message}})
    else:
        body = loader.render_to_string("ops/disk_full.html", {"message": message})
        response = HttpResponse(body, status=507)
    add_never_cache_headers(response)
    return response


def answer_for(request, exc):
    if isinstance(exc, DATABASE_ERRORS):
        logger.error("Database unavailable on %s: %s", request.path, exc)
        return database_unavailable(request)
    if is_disk_full(exc):
        logger.error("Disk full while storing an upload on %s: %s", request.path, exc)
        return disk_full(request)
    return None


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return answer_for(request, exception)


def server_error(request, template_name="500.html"):
    """handler500: the same answers for faults raised outside views, else Django's 500 page."""
    exc = sys.exc_info()[1]
    return (exc is not None and answer_for(request, exc)) or django_server_error(request, template_name)
