from .directory_cache import satker_for_host


class SatkerSiteMiddleware:
    """Sets request.site_satker: the satker whose domain the request came to, or None.

    The host was already checked against ALLOWED_HOSTS by Django; a satker host serves that
    satker's site, any other allowed host the national portal. In development (DJANGO_DEBUG)
    `<slug>.localhost` serves that satker's site too (settings.SATKER_LOCALHOST_SITES).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site_satker = satker_for_host(request.get_host())
        return self.get_response(request)
