"""The KPU Provinsi / KPU RI dashboard: which satker below keep their news going, which are "tidak aktif".

A province sees its kabupaten/kota; KPU RI and superadmins see every province and kabupaten/kota.
Counts come from `Article.objects.published()`, the public rule: only what readers could see.
"""

import csv
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import Article
from news.newsroom.zones import local_time
from satker.models import Level, Satker
from satker.scoping import membership_of

INACTIVE_AFTER = timedelta(days=30)
SORTS = {
    "nama": lambda row: row.satker.name,
    "30": lambda row: row.last_30,
    "90": lambda row: row.last_90,
    "terakhir": lambda row: row.last_published or datetime.min.replace(tzinfo=UTC),
}


@dataclass
class Row:
    satker: Satker
    last_30: int
    last_90: int
    last_published: datetime | None
    inactive: bool

    @property
    def last_published_local(self):
        """'3 Des 2026 16.32 WIT': in the satker's own zone, as its people would say it."""
        return local_time(self.last_published, self.satker)


def overseen_satker(user):
    """The satker whose activity the user may watch, or None when the user oversees nothing."""
    if user.is_active and user.is_superuser:
        return Satker.objects.exclude(level=Level.PUSAT)
    membership = membership_of(user)
    if membership is None or not user.is_active:
        return None
    if membership.satker.level == Level.PUSAT:
        return Satker.objects.exclude(level=Level.PUSAT)
    if membership.satker.level == Level.PROVINSI:
        return Satker.objects.filter(parent_id=membership.satker_id)
    return None


def activity_rows(satker_qs, now=None):
    """One Row per satker: published articles in the last 30 and 90 days, last publication, inactive."""
    now = now or timezone.now()
    counts = {
        item["satker_id"]: item
        for item in Article.objects.published()
        .filter(satker__in=satker_qs)
        .values("satker_id")
        .annotate(
            last_30=Count("id", filter=Q(published_at__gte=now - timedelta(days=30))),
            last_90=Count("id", filter=Q(published_at__gte=now - timedelta(days=90))),
            last_published=Max("published_at"),
        )
    }
    rows = []
    for satker in satker_qs.select_related("parent").order_by("region_code"):
        item = counts.get(satker.pk, {})
        last = item.get("last_published")
        rows.append(
            Row(
                satker,
                item.get("last_30", 0),
                item.get("last_90", 0),
                last,
                last is None or last < now - INACTIVE_AFTER,
            )
        )
    return rows


def sort_rows(rows, key):
    """Sort by one of SORTS ('nama', '30', '90', 'terakhir'); a leading '-' reverses."""
    descending = key.startswith("-")
    rows.sort(key=SORTS[key.lstrip("-")], reverse=descending)
    return rows


def oversight_view(request, model_admin=None):
    satker_qs = overseen_satker(request.user)
    if satker_qs is None:
        raise PermissionDenied
    sort = request.GET.get("urut", "nama")
    if sort.lstrip("-") not in SORTS:
        return HttpResponseBadRequest(_("Urutan tidak dikenal."))
    rows = sort_rows(activity_rows(satker_qs), sort)
    if request.GET.get("format") == "csv":
        return csv_response(rows)
    context = {
        **(model_admin.admin_site.each_context(request) if model_admin else {}),
        "title": _("Pantauan keaktifan satker"),
        "rows": rows,
        "sort": sort,
        "inactive_count": sum(row.inactive for row in rows),
        "show_parent": request.user.is_superuser or membership_of(request.user).satker.level == Level.PUSAT,
        "sort_links": {key: ("-" + key if sort == key else key) for key in SORTS},
    }
    return TemplateResponse(request, "newsroom/oversight.html", context)


def csv_response(rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pantauan-satker.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [_("Satker"), _("Induk"), _("Terbit 30 hari"), _("Terbit 90 hari"), _("Terbit terakhir"), _("Status")]
    )
    for row in rows:
        writer.writerow(
            [
                row.satker.name,
                row.satker.parent.name if row.satker.parent else "",
                row.last_30,
                row.last_90,
                local_time(row.last_published, row.satker, "Y-m-d H:i"),
                _("tidak aktif") if row.inactive else _("aktif"),
            ]
        )
    return response
