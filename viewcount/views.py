"""The counter's endpoints: the beacon (POST, from views.js) and the no-JavaScript pixel (GET).

The beacon answers `{"views": N}`, the article's current count, whether or not this view counted
(a visitor cannot tell a repeat from a count), so views.js can show a fresh number on a page
that came from a cache. 404 for an article that is not public, 400 for a malformed request,
403 from another site, 429 over a limit. Nothing is counted on any 4xx.
"""

import base64
import json
import re
from urllib.parse import urlsplit

from csp.decorators import csp_exempt
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .bots import is_automated
from .recorder import Outcome, record_view
from .visitors import BadVisitorId, identify, remember

MAX_BODY = 1024
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
ARTICLE_ID = re.compile(r"^[1-9][0-9]{0,17}$")  # a positive id that fits a bigint


class BadBeacon(ValueError):
    pass


def article_id(data):
    """The article id from `artikel=<id>`, or None. A regex, not a Form: this is the hot path."""
    value = str(data.get("artikel", ""))
    return int(value) if ARTICLE_ID.fullmatch(value) else None


def never_cached(response):
    # django.views.decorators.cache.never_cache computes the same headers on every call.
    response["Cache-Control"] = "max-age=0, no-cache, no-store, must-revalidate, private"
    return response


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # gunicorn refuses such a request before it gets here
        return 0


def is_cross_site(request):
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return origin is not None and urlsplit(origin).netloc != request.get_host()


def text(message, status):
    return never_cached(HttpResponse(message, status=status, content_type="text/plain; charset=utf-8"))


def beacon_data(request):
    """The beacon's fields from a form or a JSON body. Raises BadBeacon."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError) as exc:  # RecursionError: 1 KB of "[[[[..." is too deep
            raise BadBeacon from exc
        if not isinstance(data, dict):
            raise BadBeacon
        return data
    try:
        return request.POST
    except MultiPartParserError as exc:  # multipart without a boundary, or cut short
        raise BadBeacon from exc


def record(request, data, answer, body_id=None):
    article = article_id(data)
    if article is None:
        return text(_("Data kunjungan tidak sah."), 400)
    try:
        visitor = identify(request, body_id)
    except BadVisitorId:
        return text(_("Data kunjungan tidak sah."), 400)
    recorded = record_view(article, visitor, automated=is_automated(request))
    if recorded.outcome is Outcome.NOT_PUBLIC:
        return text(_("Artikel tidak ditemukan."), 404)
    if recorded.outcome is Outcome.LIMITED:
        response = text(_("Terlalu banyak permintaan. Coba lagi nanti."), 429)
        response["Retry-After"] = "60"
        return response
    return remember(request, answer(recorded.views), visitor)


def refused(request):
    """The checks every request gets before its body is read: a response, or None."""
    if is_cross_site(request):
        return text(_("Kunjungan dari situs lain tidak dihitung."), 403)
    if declared_length(request) > MAX_BODY:
        return text(_("Data kunjungan terlalu besar."), 400)
    return None


@csrf_exempt  # cached pages carry no CSRF token; is_cross_site() refuses other sites instead
@csp_exempt()  # a JSON answer is never a document: its policy would be built on every view for nothing
@require_POST
def beacon(request):
    """POST artikel=<id>&pengunjung=<32 hex> (form or JSON) from static/js/views.js; answers
    {"views": N}."""
    if response := refused(request):
        return response
    try:
        data = beacon_data(request)
    except BadBeacon:
        return text(_("Data kunjungan tidak sah."), 400)
    body_id = data.get("pengunjung")
    if body_id is not None and not isinstance(body_id, str):
        return text(_("Data kunjungan tidak sah."), 400)
    return record(request, data, lambda views: never_cached(JsonResponse({"views": views})), body_id)


@require_GET  # HEAD is refused too: link checkers use it
def pixel(request):
    """<noscript><img src=".../piksel.gif?artikel=<id>"> for readers without JavaScript."""
    if response := refused(request):
        return response
    if request.headers.get("Sec-Fetch-Dest", "image") != "image":
        return text(_("Alamat ini hanya untuk gambar penghitung."), 400)
    return record(request, request.GET, lambda views: never_cached(HttpResponse(PIXEL, content_type="image/gif")))
