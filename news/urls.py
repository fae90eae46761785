from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("berita/", views.ArticleListView.as_view(), name="article_list"),
    path("berita/rss/", feeds.ArticleFeed(), name="feed"),
    path("berita/atom/", feeds.atom(feeds.ArticleFeed)(), name="feed_atom"),
    path("berita/<slug:satker>/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("cari/", views.SearchView.as_view(), name="search"),
    path("divisi/<slug:slug>/", views.DivisionDetailView.as_view(), name="division_detail"),
    path("divisi/<slug:slug>/rss/", feeds.DivisionFeed(), name="division_feed"),
    path("divisi/<slug:slug>/atom/", feeds.atom(feeds.DivisionFeed)(), name="division_feed_atom"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("tag/<slug:slug>/rss/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<slug:slug>/atom/", feeds.atom(feeds.TagFeed)(), name="tag_feed_atom"),
    path("satker/<slug:slug>/rss/", feeds.SatkerFeed(), name="satker_feed"),
    path("satker/<slug:slug>/atom/", feeds.atom(feeds.SatkerFeed)(), name="satker_feed_atom"),
]
