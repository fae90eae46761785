from django.urls import path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.response import Response

from . import schema, views

app_name = "api"


class SchemaView(views.PublicApiMixin, SpectacularAPIView):
    """The committed schema (api/schema.py), as YAML or, with ?format=json, JSON."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        renderer = self.perform_content_negotiation(request, force=True)[0]
        filename = f"openapi.{renderer.format}"
        return Response(schema.committed(), headers={"Content-Disposition": f'inline; filename="{filename}"'})


class DocsView(views.PublicApiMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a file of its own (?script): no inline script for the CSP."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("articles/", views.ArticleList.as_view(), name="article_list"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article_detail"),
    path("satker/", views.SatkerList.as_view(), name="satker_list"),
    path("satker/<str:slug>/", views.SatkerDetail.as_view(), name="satker_detail"),
    path("divisions/", views.DivisionList.as_view(), name="division_list"),
    path("tags/", views.TagList.as_view(), name="tag_list"),
    path("tahapan/", views.StageList.as_view(), name="stage_list"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    re_path(r"^[\s\S]*$", views.not_found, name="not_found"),  # newlines too
]
