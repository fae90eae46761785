from django.urls import path, re_path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"


class SchemaView(views.PublicApiMixin, SpectacularAPIView):
    pass


class DocsView(views.PublicApiMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a file of its own (?script): no inline script for the CSP."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"


SCHEMA_CACHE_SECONDS = 300  # the schema changes only with a deploy; generating it takes a while

urlpatterns = [
    path("articles/", views.ArticleList.as_view(), name="article_list"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article_detail"),
    path("satker/", views.SatkerList.as_view(), name="satker_list"),
    path("satker/<str:slug>/", views.SatkerDetail.as_view(), name="satker_detail"),
    path("divisions/", views.DivisionList.as_view(), name="division_list"),
    path("tags/", views.TagList.as_view(), name="tag_list"),
    path("tahapan/", views.StageList.as_view(), name="stage_list"),
    path("schema/", cache_page(SCHEMA_CACHE_SECONDS)(SchemaView.as_view()), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    re_path(r"^[\s\S]*$", views.not_found, name="not_found"),  # newlines too
]
