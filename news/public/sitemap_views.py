"""Sitemap index, sitemap sections, the Google News sitemap and robots.txt, per host."""

from datetime import timedelta

from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from news.links import site_root
from news.models import Article
from news.public.sitemaps import satker_ids_canonical_on, sitemaps_for
from pagecache.pages import cached_public

NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1000  # Google News' limit per sitemap


def cache_for_an_hour(view):
    return cached_public(view, max_age=3600)


@require_safe
@cache_for_an_hour
def sitemap_index(request):
    return sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="sitemap_section")


@require_safe
@cache_for_an_hour
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)


@require_safe
@cache_for_an_hour
def news_sitemap(request):
    since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
    articles = (
        Article.objects.published()
        .filter(satker_id__in=satker_ids_canonical_on(request), published_at__gte=since)
        .select_related("satker")[:NEWS_SITEMAP_LIMIT]
    )
    return render(request, "news/sitemap_news.xml", {"articles": articles}, content_type="application/xml")


@require_safe
@cache_for_an_hour
def robots_txt(request):
    root = site_root(request.site_satker) if request.site_satker else request.build_absolute_uri("/").rstrip("/")
    return render(request, "robots.txt", {"root": root}, content_type="text/plain; charset=utf-8")
