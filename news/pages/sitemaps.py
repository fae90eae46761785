from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .menu import site_or_national
from .models import Page


def page_sitemap_for(site):
    """The pages whose canonical URL is on this host: a satker site's own pages (national pages
    shown there point to KPU RI's copy); on the national portal KPU RI's, unless it has a domain."""
    owner = site_or_national(site)
    if owner is None or (site is None and owner.domain):
        return PageSitemap([])
    return PageSitemap([owner.pk])


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def __init__(self, satker_ids):
        self.satker_ids = satker_ids

    def items(self):
        pages = Page.objects.published().filter(satker_id__in=self.satker_ids)
        return pages.only("slug", "updated_at").order_by("order", "pk")

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
