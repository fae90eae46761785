"""Reading the counts: what the public pages show."""

import datetime

from django.db.models import Sum
from django.utils import timezone

from news.models import Article


def most_viewed(days=7, limit=5, satker=None):
    """Public articles with the most views in the last `days` days (today included, Asia/Jakarta
    dates), most viewed first, each with `recent_views`; of `satker` and the units below it
    when given. One query, satker joined; articles with no views in the period are left out."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    articles = Article.objects.published()
    if satker is not None:
        articles = articles.for_satker(satker)
    return list(
        articles.filter(daily_views__date__gte=since)
        .annotate(recent_views=Sum("daily_views__views"))
        .select_related("satker")
        .order_by("-recent_views", "-published_at", "-id")[:limit]
    )
