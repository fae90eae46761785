from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("berita/", views.ArticleListView.as_view(), name="article_list"),
    path("berita/<slug:satker>/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("divisi/<slug:slug>/", views.DivisionDetailView.as_view(), name="division_detail"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
]
