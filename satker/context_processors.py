from .directory_cache import footer_links, provinces


def site(request):
    """The satker whose site this is (None on the national portal), for the header and footer."""
    site_satker = getattr(request, "site_satker", None)
    return {
        "site_satker": site_satker,
        "province_menu": provinces,
        # Called by the footer only, from the in-memory directory: no query.
        "footer_links": lambda: footer_links(site_satker),
    }
