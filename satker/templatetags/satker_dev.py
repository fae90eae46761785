"""Development only: links to a few satker sites at http://<slug>.localhost:<port>/."""

from django import template
from django.conf import settings
from django.http.request import split_domain_port

from satker.directory_cache import localhost_url, satker_by_slug

register = template.Library()

# One per level and zone: KPU RI, a province, a kota in WIB, one in WITA, a province in WIT.
SAMPLE_SLUGS = ["ri", "prov-jawa-timur", "kota-kediri", "kota-denpasar", "prov-papua"]


@register.simple_tag(takes_context=True)
def localhost_sites(context):
    """[(satker, url)] when settings.SATKER_LOCALHOST_SITES is on (DEBUG), else []."""
    request = context.get("request")
    if not settings.SATKER_LOCALHOST_SITES or request is None:
        return []
    port = split_domain_port(request.get_host())[1]  # the port the browser used, as runserver's may differ
    found = (satker_by_slug(slug) for slug in SAMPLE_SLUGS)
    return [(unit, localhost_url(unit, port)) for unit in found if unit is not None]
