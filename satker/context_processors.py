from .directory_cache import provinces


def site(request):
    """The satker whose site this is (None on the national portal), for the header and footer."""
    return {"site_satker": getattr(request, "site_satker", None), "province_menu": provinces}
