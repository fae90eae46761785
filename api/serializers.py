"""JSON shapes of the API. Times are ISO 8601 in the satker's own zone, with the zone named."""

from zoneinfo import ZoneInfo

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from news.links import absolute_url, site_root
from news.models import Kind
from news.public.share import share_links
from news.renditions import rendition_name, widths_for
from satker.models import Level, TimeZone


def local_iso(moment, satker):
    """'2026-11-29T15:00:00+07:00' for a WIB satker, '+08:00' WITA, '+09:00' WIT."""
    return moment.astimezone(ZoneInfo(satker.time_zone)).isoformat() if moment else None


def file_url(field_file, name, satker):
    url = field_file.storage.url(name)
    return absolute_url(satker, url) if url.startswith("/") else url


def image_data(field_file, width, height, alt, caption, satker):
    """An image with its WebP renditions (names follow from the original: no file look-up)."""
    if not field_file:
        return None
    return {
        "url": file_url(field_file, field_file.name, satker),
        "width": width,
        "height": height,
        "alt": alt,
        "caption": caption,
        "renditions": [
            {"url": file_url(field_file, rendition_name(field_file.name, size), satker), "width": size}
            for size in widths_for(width)
        ],
    }


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="A WebP copy, never wider than the original.")
    width = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="The original upload.")
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    alt = serializers.CharField(allow_blank=True, help_text="Text alternative: what the image shows.")
    caption = serializers.CharField(allow_blank=True)
    renditions = RenditionSerializer(many=True)


class NamedSlugSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ShareLinkSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=["facebook", "x", "whatsapp", "telegram"])
    label = serializers.CharField()
    url = serializers.URLField()


class SatkerBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=Level.choices)


class SatkerSerializer(SatkerBriefSerializer):
    parent = serializers.SerializerMethodField(help_text="The parent satker's slug; null for KPU RI.")
    region_code = serializers.CharField(allow_blank=True, help_text="Kemendagri region code; empty for KPU RI.")
    domain = serializers.CharField(allow_null=True, help_text="The satker's own web domain, when it has one.")
    site_url = serializers.SerializerMethodField(help_text="Its news site: its domain, else the national portal.")
    time_zone = serializers.ChoiceField(choices=TimeZone.choices, help_text="IANA zone name.")
    time_zone_label = serializers.CharField(help_text="WIB, WITA or WIT.")
    url = serializers.SerializerMethodField(help_text="This satker in the API.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_parent(self, satker):
        return satker.parent.slug if satker.parent_id else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_site_url(self, satker):
        return site_root(satker)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, satker):
        return self.context["request"].build_absolute_uri(reverse("api:satker_detail", args=[satker.slug]))


class DivisionSerializer(NamedSlugSerializer):
    description = serializers.CharField(allow_blank=True)


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="This article in the API.")
    title = serializers.CharField()
    slug = serializers.CharField(help_text="Unique within its satker.")
    satker = SatkerBriefSerializer()
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    dateline = serializers.CharField(allow_blank=True)
    published_at = serializers.SerializerMethodField(help_text="In the satker's own zone, with its offset.")
    updated_at = serializers.SerializerMethodField(help_text="Last change, for `updated_since`.")
    time_zone = serializers.ChoiceField(source="satker.time_zone", choices=TimeZone.choices)
    time_zone_label = serializers.CharField(source="satker.time_zone_label", help_text="WIB, WITA or WIT.")
    lead = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True, help_text="Sanitized HTML.")
    featured_image = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField(help_text="The gallery, in order.")
    divisions = NamedSlugSerializer(many=True)
    tags = NamedSlugSerializer(many=True)
    view_count = serializers.IntegerField()
    canonical_url = serializers.SerializerMethodField(help_text="The article page, on the satker's own domain.")
    share_links = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, article):
        return self.context["request"].build_absolute_uri(reverse("api:article_detail", args=[article.pk]))

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_published_at(self, article):
        return local_iso(article.published_at, article.satker)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_updated_at(self, article):
        return local_iso(article.updated_at, article.satker)

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_featured_image(self, article):
        return image_data(
            article.featured_image,
            article.featured_image_width,
            article.featured_image_height,
            article.featured_image_alt,
            article.featured_image_caption,
            article.satker,
        )

    @extend_schema_field(ImageSerializer(many=True))
    def get_images(self, article):
        return [
            image_data(image.image, image.width, image.height, image.alt_text, image.caption, article.satker)
            for image in article.images.all()
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_canonical_url(self, article):
        return article.get_canonical_url()

    @extend_schema_field(ShareLinkSerializer(many=True))
    def get_share_links(self, article):
        links = share_links(article.title, article.get_canonical_url())
        return [{"network": link.network, "label": link.label, "url": link.url} for link in links]


class StageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start = serializers.DateField(help_text="First day (a calendar date, as KPU publishes it).")
    end = serializers.DateField(help_text="Last day, inclusive.")
    description = serializers.CharField(allow_blank=True, help_text="Plain text.")
    article_url = serializers.SerializerMethodField(help_text="The linked article while it is published.")
    document_url = serializers.SerializerMethodField(help_text="The stage's PDF, if any.")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_article_url(self, stage):
        article = stage.public_article
        return article.get_canonical_url() if article else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document_url(self, stage):
        if not stage.document:
            return None
        url = stage.document.url
        return absolute_url(stage.election.satker, url) if url.startswith("/") else url


class ElectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    voting_day = serializers.DateField()
    satker = SatkerBriefSerializer(allow_null=True, help_text="Null: a national election set by KPU RI.")
    stages = StageSerializer(many=True, source="stages.all", help_text="By start date.")


def page_of(item_serializer):
    """The list envelope of an unpaginated list (`next` always null), for the schema."""
    name = item_serializer.__name__.removesuffix("Serializer") + "Page"
    fields = {
        "next": serializers.URLField(allow_null=True, help_text="Always null: the whole list is one page."),
        "results": item_serializer(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(help_text="Stable, for programs: invalid_parameter, not_found, throttled, ...")
    message = serializers.CharField(help_text="For people, in Bahasa Indonesia.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Each invalid query parameter and what is wrong with it.",
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (api/errors.py)."""

    error = ErrorDetailSerializer()
