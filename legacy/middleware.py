from django.http import HttpResponsePermanentRedirect

from .links import find


class OldLinkMiddleware:
    """Answers old URLs of a satker's previous site with a 301 to where they lead now.

    Runs only on a satker's domain, and only for a request that would otherwise be a 404 (or the
    WordPress form `/?p=ID`), so ordinary pages pay nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        satker = getattr(request, "site_satker", None)
        if satker is not None and request.path == "/" and "p" in request.GET:
            target = find(satker, request.path, request.GET)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and satker is not None and request.method in ("GET", "HEAD"):
            target = find(satker, request.path, request.GET)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response
