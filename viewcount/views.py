"""The counter's endpoints: the beacon (POST, from views.js) and the no-JavaScript pixel (GET).

Both answer fast with no body worth caching: 204 (or the pixel) whether or not the view counted,
so a visitor cannot tell a repeat from a count; 404 for an article that is not public, 400 for a
malformed request, 403 from another site, 429 over the rate limit.
"""

import base64
import logging
from urllib.parse import urlsplit

import redis
from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .bots import is_automated
from .flush import flush_pending
from .recorder import Outcome, record_view
from .visitors import identify, remember

logger = logging.getLogger(__name__)

MAX_BODY = 1024
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


class ViewForm(forms.Form):
    artikel = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def is_cross_site(request):
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return origin is not None and urlsplit(origin).netloc != request.get_host()


def text(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def record(request, data, counted_response):
    if is_cross_site(request):
        return text(_("Kunjungan dari situs lain tidak dihitung."), 403)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return text(_("Data kunjungan terlalu besar."), 400)
    form = ViewForm(data)
    if not form.is_valid():
        return text(_("Data kunjungan tidak sah."), 400)
    if is_automated(request):
        return counted_response()
    visitor = identify(request)
    try:
        outcome = record_view(form.cleaned_data["artikel"], visitor)
    except redis.RedisError:
        # Redis down: this view is lost, the page and the reader are not affected.
        logger.exception("View not recorded: Redis is unavailable.")
        return counted_response()
    if outcome is Outcome.NOT_PUBLIC:
        return text(_("Artikel tidak ditemukan."), 404)
    if outcome is Outcome.LIMITED:
        response = text(_("Terlalu banyak permintaan. Coba lagi nanti."), 429)
        response["Retry-After"] = "60"
        return response
    if outcome is Outcome.FLUSH_DUE:
        try:
            flush_pending()
        except Exception:
            # The batch stays in Redis for the next flush; the reader gets a normal answer.
            logger.exception("View flush failed; the batch is kept for the next flush.")
    return remember(counted_response(), visitor, path=reverse("viewcount:record"))


@csrf_exempt  # cached pages carry no CSRF token; is_cross_site() refuses other sites instead
@never_cache
@require_POST
def beacon(request):
    """POST artikel=<id> from static/js/views.js (navigator.sendBeacon)."""
    return record(request, request.POST, lambda: HttpResponse(status=204))


@never_cache
@require_GET  # HEAD is refused too: link checkers use it
def pixel(request):
    """<noscript><img src=".../piksel.gif?artikel=<id>"> for readers without JavaScript."""
    if request.headers.get("Sec-Fetch-Dest", "image") != "image":
        return text(_("Alamat ini hanya untuk gambar penghitung."), 400)
    return record(request, request.GET, lambda: HttpResponse(PIXEL, content_type="image/gif"))


def do_nothing(request):
    """The benchmark's baseline: the cheapest Django response (routed only with KPU_BENCH=1)."""
    return HttpResponse(status=204)
