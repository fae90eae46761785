"""Sitemaps per host: each site lists the pages whose canonical URL is on that host.

A sitemap may only list URLs of its own host, and an article's canonical URL is on its
satker's domain (news/links.py), so the Kediri site lists Kediri's articles and the national
portal those of satker without a domain of their own.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import Article
from news.pages.sitemaps import page_sitemap_for
from satker.directory_cache import directory

ARTICLES_PER_SITEMAP = 10_000  # Google allows 50,000; smaller pages render fast and cache well


def satker_ids_canonical_on(request):
    """Ids of the satker whose canonical host is the host of this request."""
    site = request.site_satker
    if site is not None:
        return [site.pk]
    return [satker.pk for satker in directory().by_id.values() if not satker.domain]


class ArticleSitemap(Sitemap):
    limit = ARTICLES_PER_SITEMAP
    changefreq = "weekly"

    def __init__(self, satker_ids):
        self.satker_ids = satker_ids

    def items(self):
        return (
            Article.objects.published()
            .filter(satker_id__in=self.satker_ids)
            .select_related("satker")
            .only("slug", "published_at", "revised_at", "satker__slug")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_latest_lastmod(self):
        # Django's default reads every item; one indexed aggregate does at a million articles.
        latest = self.items().aggregate(published=Max("published_at"), revised=Max("revised_at"))
        return max(filter(None, latest.values()), default=None)


class SatkerSitemap(Sitemap):
    changefreq = "daily"

    def __init__(self, satker_ids):
        self.satker_ids = set(satker_ids)

    def items(self):
        return sorted(
            (satker for satker in directory().by_id.values() if satker.pk in self.satker_ids), key=lambda s: s.slug
        )


class PagesSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["home", "news:article_list"]

    def location(self, name):
        return reverse(name)


def sitemaps_for(request):
    satker_ids = satker_ids_canonical_on(request)
    # Profile pages live on every host; the portal lists all 553, a satker site its own.
    profile_ids = [request.site_satker.pk] if request.site_satker else list(directory().by_id)
    return {
        "halaman": PagesSitemap(),
        "satker": SatkerSitemap(profile_ids),
        "berita": ArticleSitemap(satker_ids),
        "laman": page_sitemap_for(request.site_satker),  # news/pages: Profil, Kontak...
    }
