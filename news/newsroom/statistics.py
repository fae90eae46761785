"""View and publication numbers for the newsroom: per article per day, per satker per month."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import Article
from news.newsroom.charts import bar_chart
from news.newsroom.workflow import can_read
from satker.models import Satker
from satker.scoping import membership_of, readable_satker
from viewcount.models import DailyViews

DAYS = 30
MONTHS = 12


def daily_views(article, days=DAYS, today=None):
    """(date, views) for each of the last `days` days up to today, zero where nobody read it."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    counted = dict(
        DailyViews.objects.filter(article=article, date__gte=start, date__lte=today).values_list("date", "views")
    )
    return [(start + timedelta(days=n), counted.get(start + timedelta(days=n), 0)) for n in range(days)]


def month_starts(months=MONTHS, today=None):
    today = today or timezone.localdate()
    first = today.replace(day=1)
    starts = []
    for _n in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return starts[::-1]


def satker_monthly(satker, months=MONTHS, today=None):
    """(month start, articles published, views) for the satker's last `months` months."""
    starts = month_starts(months, today)
    # Months of the satker's own calendar: 00.30 WIT on the 1st belongs to the new month.
    with timezone.override(ZoneInfo(satker.time_zone)):
        published = dict(
            Article.objects.published()
            .filter(satker=satker, published_at__date__gte=starts[0])
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(n=Count("id"))
            .values_list("month", "n")
        )
        published = {timezone.localtime(k).date() if hasattr(k, "hour") else k: v for k, v in published.items()}
    views = dict(
        DailyViews.objects.filter(article__satker=satker, date__gte=starts[0])
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Sum("views"))
        .values_list("month", "n")
    )
    return [(start, published.get(start, 0), views.get(start, 0) or 0) for start in starts]


def article_statistics_view(request, pk, model_admin):
    article = get_object_or_404(Article.objects.select_related("satker"), pk=pk)
    if not can_read(request.user, article):
        raise PermissionDenied
    points = daily_views(article)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Statistik: %(title)s") % {"title": article.title},
        "article": article,
        "opts": model_admin.model._meta,
        "original": article,
        "total": article.view_count,
        "last_days_total": sum(views for _day, views in points),
        "days": DAYS,
        # A label each week, back from today.
        "chart": bar_chart(
            [(day.strftime("%d/%m"), views) for day, views in points], _("Dilihat per hari"), tick_every=7
        ),
        "points": points,
    }
    return TemplateResponse(request, "newsroom/article_statistics.html", context)


def satker_statistics_view(request, model_admin):
    readable = readable_satker(request.user)
    slug = request.GET.get("satker")
    if slug:
        satker = get_object_or_404(readable, slug=slug)
    else:
        membership = membership_of(request.user)
        satker = membership.satker if membership else readable.order_by("region_code").first()
    if satker is None:
        raise PermissionDenied
    rows = satker_monthly(satker)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Statistik %(satker)s") % {"satker": satker.name},
        "opts": model_admin.model._meta,
        "satker": satker,
        "rows": rows,
        "articles_chart": bar_chart([(m.strftime("%m/%Y"), n) for m, n, _v in rows], _("Artikel terbit per bulan")),
        "views_chart": bar_chart([(m.strftime("%m/%Y"), v) for m, _n, v in rows], _("Dilihat per bulan")),
        "choices": Satker.objects.filter(pk__in=readable).order_by("region_code") if readable.count() > 1 else [],
    }
    return TemplateResponse(request, "newsroom/satker_statistics.html", context)
