"""One JSON error shape for every failure under /api/: never an HTML page, never a bare 500.

    {"error": {"status": 400, "code": "invalid_parameter", "message": "...", "fields": {...}}}

`fields` appears only for invalid query parameters and names each with its messages.
"""

import logging

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .caching import set_cache_headers

logger = logging.getLogger(__name__)

MESSAGES = {
    400: _("Parameter permintaan tidak valid."),
    404: _("Data tidak ditemukan."),
    405: _("Metode tidak diizinkan: API ini hanya untuk dibaca (GET)."),
    406: _("Format jawaban yang diminta tidak tersedia; API ini menjawab JSON."),
    429: _("Terlalu banyak permintaan. Coba lagi setelah jeda yang disebut Retry-After."),
    500: _("Terjadi kesalahan pada server."),
}


class InvalidParameters(exceptions.ValidationError):
    """Raised with a form's errors: each bad query parameter and what is wrong with it."""

    default_code = "invalid_parameter"


def error_body(status_code, code, message=None, fields=None):
    error = {"status": status_code, "code": code, "message": str(message or MESSAGES.get(status_code, ""))}
    if fields:
        error["fields"] = {name: [str(text) for text in texts] for name, texts in fields.items()}
    return {"error": error}


def api_exception_handler(exc, context):
    """DRF's handler (which also sets Retry-After on 429), with its body put in our shape."""
    response = exception_handler(exc, context)
    if response is None:
        # A bug, not bad input: logged with its traceback, answered in the same shape.
        logger.exception("Unhandled error in the API", exc_info=exc)
        response = Response(status=status.HTTP_500_INTERNAL_SERVER_ERROR)
        response.data = error_body(500, "server_error")
    elif isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body(400, "invalid_parameter", fields=fields)
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "not_found"
        response.data = error_body(response.status_code, code if isinstance(code, str) else "error")
    set_cache_headers(response)
    return response
