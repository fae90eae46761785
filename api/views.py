"""Read-only endpoints over what the public may see now (`Article.objects.published()`)."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from news.elections.models import Election
from news.elections.timeline import public_article
from news.models import Article, Division, Kind, Tag, TaggedArticle
from pagecache.jsoncache import cached_json
from satker.directory_cache import directory, satker_by_slug
from satker.models import Level

from . import serializers
from .caching import set_cache_headers
from .errors import MESSAGES, InvalidParameters, error_body
from .filters import PAGINATION_PARAMETERS, article_filters, refuse_unknown
from .pagination import MAX_ID, ArticleCursorPagination, TagCursorPagination

ERRORS = {
    code: OpenApiResponse(response=serializers.ErrorSerializer, description=str(MESSAGES[code]))
    for code in (400, 404, 406, 429)
}


class PublicApiMixin:
    """Every answer, errors included, carries Cache-Control (ETag and 304: ConditionalGetMiddleware)."""

    def finalize_response(self, request, response, *args, **kwargs):
        return set_cache_headers(super().finalize_response(request, response, *args, **kwargs))


ARTICLE_FILTERS = [
    OpenApiParameter("satker", str, description="Satker slug; includes the units below it (a province: its kab/kota)."),
    OpenApiParameter("divisi", str, description="Division slug."),
    OpenApiParameter("tag", str, description="Tag slug."),
    OpenApiParameter("jenis", str, enum=Kind.values, description="Kind of article."),
    OpenApiParameter("tahun", {"type": "integer", "minimum": 2000, "maximum": 2100}, description="Year (WIB)."),
    OpenApiParameter("bulan", int, enum=list(range(1, 13)), description="Month (1-12); needs `tahun`."),
    OpenApiParameter("q", str, description="Search text (title, lead, body); results stay newest first."),
    OpenApiParameter("dari", OpenApiTypes.DATE, description="Published on or after (YYYY-MM-DD, WIB)."),
    OpenApiParameter("sampai", OpenApiTypes.DATE, description="Published on or before (YYYY-MM-DD, WIB)."),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description="Changed, or became public, at or after this ISO 8601 time (encode `+` as %2B).",
    ),
]


@extend_schema(parameters=ARTICLE_FILTERS, responses={200: serializers.ArticleSerializer(many=True), **ERRORS})
class ArticleList(PublicApiMixin, generics.ListAPIView):
    """Published articles, newest first, filtered as on the public listing."""

    serializer_class = serializers.ArticleSerializer
    pagination_class = ArticleCursorPagination

    def get_queryset(self):
        filters = article_filters(self.request.query_params)
        articles = Article.objects.published().for_listing().prefetch_related("divisions", "tags", "images")
        return filters.apply(articles)

    def list(self, request, *args, **kwargs):
        return cached_json(
            request,
            lambda: super(ArticleList, self).list(request, *args, **kwargs).data,
            expires_at=Article.objects.next_publication,
        )


@extend_schema(responses={200: serializers.ArticleSerializer, **ERRORS})
class ArticleDetail(PublicApiMixin, generics.RetrieveAPIView):
    """One published article. Drafts, scheduled and archived articles are 404, as on the site."""

    serializer_class = serializers.ArticleSerializer

    def get_object(self):
        if self.kwargs["pk"] > MAX_ID:
            raise Http404
        articles = Article.objects.published().for_listing().prefetch_related("divisions", "tags", "images")
        try:
            return articles.get(pk=self.kwargs["pk"])
        except Article.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, *args, **kwargs):
        return cached_json(
            request,
            lambda: super(ArticleDetail, self).retrieve(request, *args, **kwargs).data,
            expires_at=Article.objects.next_publication,
        )


def satker_list(query_params):
    refuse_unknown(query_params, {"level", "parent"})
    units = sorted(directory().by_id.values(), key=lambda satker: satker.region_code)
    level = query_params.get("level")
    if level is not None:
        if level not in Level.values:
            raise InvalidParameters({"level": [_("Tingkat tidak dikenal.")]})
        units = [satker for satker in units if satker.level == level]
    parent_slug = query_params.get("parent")
    if parent_slug is not None:
        parent = satker_by_slug(parent_slug)
        if parent is None:
            raise InvalidParameters({"parent": [_("Satker tidak dikenal.")]})
        units = [satker for satker in units if satker.parent_id == parent.pk]
    return units


class SatkerList(PublicApiMixin, APIView):
    """The directory of the 553 satker, all on one page (served from memory, no query)."""

    @extend_schema(
        operation_id="satker_list",
        parameters=[
            OpenApiParameter("level", str, enum=Level.values, description="Only this level."),
            OpenApiParameter("parent", str, description="Only the units directly below this satker (slug)."),
        ],
        responses={200: serializers.page_of(serializers.SatkerSerializer), **ERRORS},
    )
    def get(self, request):
        units = satker_list(request.query_params)
        data = serializers.SatkerSerializer(units, many=True, context={"request": request}).data
        return Response({"next": None, "results": data})


class SatkerDetail(PublicApiMixin, APIView):
    """One satker, by slug (e.g. `kota-kediri`)."""

    @extend_schema(responses={200: serializers.SatkerSerializer, **ERRORS})
    def get(self, request, slug):
        satker = satker_by_slug(slug)
        if satker is None:
            raise Http404
        return Response(serializers.SatkerSerializer(satker, context={"request": request}).data)


class DivisionList(PublicApiMixin, APIView):
    """The commissioners' divisions, in menu order."""

    @extend_schema(
        operation_id="divisions_list", responses={200: serializers.page_of(serializers.DivisionSerializer), **ERRORS}
    )
    def get(self, request):
        refuse_unknown(request.query_params, set())
        data = serializers.DivisionSerializer(Division.objects.all(), many=True).data
        return Response({"next": None, "results": data})


@extend_schema(responses={200: serializers.NamedSlugSerializer(many=True), **ERRORS})
class TagList(PublicApiMixin, generics.ListAPIView):
    """Tags carried by at least one published article, alphabetical by slug."""

    serializer_class = serializers.NamedSlugSerializer
    pagination_class = TagCursorPagination

    def get_queryset(self):
        refuse_unknown(self.request.query_params, PAGINATION_PARAMETERS)
        # Only tags of public articles: a tag used only on a draft may name unreleased news.
        # A subquery, not a join: each tag once, without DISTINCT over its many articles.
        tagged = TaggedArticle.objects.filter(content_object__in=Article.objects.published())
        return Tag.objects.filter(pk__in=tagged.values("tag_id"))


class StageList(PublicApiMixin, APIView):
    """Elections with their stages (tahapan dan jadwal). Without `satker`: every election,
    national and local; with it: what that satker's site shows (the national ones, its own and
    those of the units above it)."""

    @extend_schema(
        operation_id="stages_list",
        parameters=[OpenApiParameter("satker", str, description="Satker slug: the elections its site shows.")],
        responses={200: serializers.page_of(serializers.ElectionSerializer), **ERRORS},
    )
    def get(self, request):
        refuse_unknown(request.query_params, {"satker"})
        elections = Election.objects.all()
        slug = request.query_params.get("satker")
        if slug is not None:
            site = satker_by_slug(slug)
            if site is None:
                raise InvalidParameters({"satker": [_("Satker tidak dikenal.")]})
            elections = Election.objects.for_site(site)
        return cached_json(request, lambda: election_page(elections), expires_at=lambda: None)


def election_page(elections):
    elections = list(elections.select_related("satker").with_stages())
    for election in elections:
        for stage in election.stages.all():
            stage.public_article = public_article(stage)
            stage.election = election
    return {"next": None, "results": serializers.ElectionSerializer(elections, many=True).data}


def not_found(request, *args, **kwargs):
    """Any other path under /api/: the JSON 404, not the site's HTML page."""
    return set_cache_headers(JsonResponse(error_body(404, "not_found"), status=404))
