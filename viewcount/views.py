"""The counter's endpoints: the beacon (POST, from views.js) and the no-JavaScript pixel (GET).

Both answer fast with no body worth caching: 204 (or the pixel) whether or not the view counted,
so a visitor cannot tell a repeat from a count; 404 for an article that is not public, 400 for a
malformed request, 403 from another site, 429 over the rate limit.
"""

import base64
import re
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .bots import is_automated
from .recorder import Outcome, record_view
from .visitors import identify, remember

MAX_BODY = 1024
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
ARTICLE_ID = re.compile(r"^[1-9][0-9]{0,17}$")  # a positive id that fits a bigint


def article_id(data):
    """The article id from `artikel=<id>`, or None. A regex, not a Form: this is the hot path."""
    value = data.get("artikel", "")
    return int(value) if ARTICLE_ID.match(value) else None


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


def record(request, data, counted_response):
    if is_cross_site(request):
        return text(_("Kunjungan dari situs lain tidak dihitung."), 403)
    if declared_length(request) > MAX_BODY:
        return text(_("Data kunjungan terlalu besar."), 400)
    article = article_id(data)
    if article is None:
        return text(_("Data kunjungan tidak sah."), 400)
    if is_automated(request):
        return counted_response()
    visitor = identify(request)
    outcome = record_view(article, visitor)
    if outcome is Outcome.NOT_PUBLIC:
        return text(_("Artikel tidak ditemukan."), 404)
    if outcome is Outcome.LIMITED:
        response = text(_("Terlalu banyak permintaan. Coba lagi nanti."), 429)
        response["Retry-After"] = "60"
        return response
    return remember(counted_response(), visitor)


@csrf_exempt  # cached pages carry no CSRF token; is_cross_site() refuses other sites instead
@require_POST
def beacon(request):
    """POST artikel=<id> from static/js/views.js (navigator.sendBeacon)."""
    return record(request, request.POST, lambda: never_cached(HttpResponse(status=204)))


@require_GET  # HEAD is refused too: link checkers use it
def pixel(request):
    """<noscript><img src=".../piksel.gif?artikel=<id>"> for readers without JavaScript."""
    if request.headers.get("Sec-Fetch-Dest", "image") != "image":
        return text(_("Alamat ini hanya untuk gambar penghitung."), 400)
    return record(request, request.GET, lambda: never_cached(HttpResponse(PIXEL, content_type="image/gif")))
