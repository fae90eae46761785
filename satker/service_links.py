"""The footer's service links: national ones (no satker), then the site's own, then its social
accounts. Read with the satker directory in its one query, so a page adds no query for them.

Flow-down rule: a site shows every national link and appends its own; an own link whose label
equals a national one's (case-insensitive) takes that link's place, so a satker can point
"Survei Kepuasan (SKM)" to its own form. A satker cannot hide a national link.
"""

from dataclasses import dataclass

from django.db.models import Aggregate, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONArray

from .models import ServiceLink


@dataclass(frozen=True)
class FooterLink:
    label: str
    url: str


class JSONList(Aggregate):
    """The group's values as one JSON list (PostgreSQL JSONB_AGG, SQLite JSON_GROUP_ARRAY)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def links_json(links):
    rows = links.order_by().values("satker").annotate(rows=JSONList(JSONArray("order", "id", "label", "url")))
    return Subquery(rows.values("rows"), output_field=JSONField())


def with_service_links(satkers):
    """Annotate each satker with its own links and the national ones, as raw JSON rows."""
    return satkers.annotate(
        own_service_links=links_json(ServiceLink.objects.filter(satker=OuterRef("pk"))),
        national_service_links=links_json(ServiceLink.objects.filter(satker__isnull=True)),
    )


def parse_links(rows):
    """[[order, id, label, url], ...] (or None) -> FooterLinks in the admin's order."""
    return [FooterLink(label, url) for _, _, label, url in sorted(rows or [], key=lambda row: (row[0], row[1]))]


def social_links(satker):
    fields = [("Facebook", "facebook_url"), ("Instagram", "instagram_url"), ("X", "x_url"), ("YouTube", "youtube_url")]
    return [FooterLink(label, getattr(satker, name)) for label, name in fields if getattr(satker, name)]


def merge_links(national, own, satker=None):
    """National links with same-label own links in their place, then the other own links, then
    the satker's social accounts (its Media sosial fields); one link per URL."""
    own_by_label = {link.label.casefold(): link for link in own}
    merged = [own_by_label.pop(link.label.casefold(), link) for link in national]
    merged += [link for link in own if link.label.casefold() in own_by_label]
    if satker is not None:
        merged += social_links(satker)
    seen, unique = set(), []
    for link in merged:
        if link.url not in seen:
            seen.add(link.url)
            unique.append(link)
    return unique
