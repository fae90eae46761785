from django.urls import path

from news.models import Kind
from news.public import feeds, views
from pagecache.pages import cached_public, slug_scope


def feed(feed_class, scope=None):
    view = feed_class()
    return cached_public(view, scope) if scope else cached_public(view)


satker_scope = slug_scope("slug")

app_name = "news"

urlpatterns = [
    path("berita/", views.ArticleListView.as_view(), name="article_list"),
    path("berita/rss/", feed(feeds.ArticleFeed), name="feed"),
    path("berita/atom/", feed(feeds.atom(feeds.ArticleFeed)), name="feed_atom"),
    path("berita/<slug:satker>/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("cari/", views.SearchView.as_view(), name="search"),
    path("pengumuman/", views.KindListView.as_view(), {"slug": Kind.ANNOUNCEMENT}, name="kind_list"),
    path("pengumuman/rss/", feed(feeds.KindFeed), {"slug": Kind.ANNOUNCEMENT}, name="kind_feed"),
    path("siaran-pers/", views.KindListView.as_view(), {"slug": Kind.PRESS_RELEASE}, name="kind_list"),
    path("siaran-pers/rss/", feed(feeds.KindFeed), {"slug": Kind.PRESS_RELEASE}, name="kind_feed"),
    path("divisi/<slug:slug>/", views.DivisionDetailView.as_view(), name="division_detail"),
    path("divisi/<slug:slug>/rss/", feed(feeds.DivisionFeed), name="division_feed"),
    path("divisi/<slug:slug>/atom/", feed(feeds.atom(feeds.DivisionFeed)), name="division_feed_atom"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("tag/<slug:slug>/rss/", feed(feeds.TagFeed), name="tag_feed"),
    path("tag/<slug:slug>/atom/", feed(feeds.atom(feeds.TagFeed)), name="tag_feed_atom"),
    path("satker/<slug:slug>/rss/", feed(feeds.SatkerFeed, satker_scope), name="satker_feed"),
    path("satker/<slug:slug>/atom/", feed(feeds.atom(feeds.SatkerFeed), satker_scope), name="satker_feed_atom"),
]
