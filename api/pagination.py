"""Cursor (keyset) pagination: stable while articles are added, fast at any depth, no counts.

The cursor is the position of the last item sent (for articles: its publication time and id),
so the next page is "older than this", served by the index on (published_at desc, id desc)
however deep the reader goes, and an article published meanwhile does not shift the pages.
"""

import base64
import binascii
import datetime
import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from .errors import InvalidParameters

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_ID = 2**63 - 1  # a bigint: larger values would overflow the database driver


def encode_cursor(position):
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(text):
    """The position in a cursor, or None when it is not one of ours."""
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


class KeysetPagination(BasePagination):
    """`?page_size=` (1 to 100) and `?cursor=` from the previous page's `next`."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.read_page_size(request.query_params.get("page_size"))
        cursor = request.query_params.get("cursor")
        queryset = queryset.order_by(*self.ordering)
        if cursor is not None:
            position = self.read_position(decode_cursor(cursor))
            if position is None:
                raise InvalidParameters({"cursor": [_("Kursor tidak valid; pakai alamat `next` apa adanya.")]})
            queryset = self.after(queryset, position)
        # One row more than asked says whether there is a next page, without counting.
        items = list(queryset[: self.page_size + 1])
        self.has_next = len(items) > self.page_size
        self.items = items[: self.page_size]
        return self.items

    def read_page_size(self, value):
        if value is None:
            return DEFAULT_PAGE_SIZE
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE_SIZE:
            raise InvalidParameters(
                {"page_size": [_("Ukuran halaman harus bilangan 1 sampai %(max)d.") % {"max": MAX_PAGE_SIZE}]}
            )
        return int(value)

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, "cursor", encode_cursor(self.position(self.items[-1])))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page's full URL; null on the last page.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Opaque position from the previous page's `next` link.",
                "schema": build_basic_type(OpenApiTypes.STR),
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Items per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
            },
        ]


class ArticleCursorPagination(KeysetPagination):
    """Newest first. Search results too: a rank would change under the reader's feet."""

    ordering = ("-published_at", "-id")

    def position(self, article):
        return [article.published_at.isoformat(), article.pk]

    def read_position(self, position):
        if not (isinstance(position, list) and len(position) == 2 and isinstance(position[0], str)):
            return None
        published_text, pk = position
        if type(pk) is not int or not 0 <= pk <= MAX_ID:
            return None
        try:
            published_at = datetime.datetime.fromisoformat(published_text)
            published_at.astimezone(datetime.UTC)
        except (ValueError, OverflowError):
            return None
        if published_at.tzinfo is None:
            return None
        return published_at, pk

    def after(self, queryset, position):
        published_at, pk = position
        # The first condition is a range on the index; the second only sorts out equal times.
        return queryset.filter(published_at__lte=published_at).exclude(published_at=published_at, id__gte=pk)


class TagCursorPagination(KeysetPagination):
    """Alphabetical by slug (unique)."""

    ordering = ("slug",)

    def position(self, tag):
        return [tag.slug]

    def read_position(self, position):
        if isinstance(position, list) and len(position) == 1 and isinstance(position[0], str):
            return position[0] if "\x00" not in position[0] else None
        return None

    def after(self, queryset, slug):
        return queryset.filter(slug__gt=slug)
