from zoneinfo import ZoneInfo

from django import template
from django.utils import dateformat, timezone
from django.utils.text import Truncator

register = template.Library()

CARD_LEAD_LENGTH = 160


@register.filter
def satker_datetime(value, satker, fmt="l, j F Y H.i"):
    """'Senin, 7 Agustus 2023 15.00 WIB': the time in the satker's own zone, with its label."""
    if not value:
        return ""
    local = timezone.localtime(value, ZoneInfo(satker.time_zone))
    return f"{dateformat.format(local, fmt)} {satker.time_zone_label}"


@register.filter
def satker_date(value, satker):
    """'7 Agustus 2023': the date in the satker's own zone, for cards."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value, ZoneInfo(satker.time_zone)), "j F Y")


@register.filter
def card_lead(article):
    """A card's text: the search snippet when the listing set one, else the lead cut to 160
    characters. One lookup: a missing `article.snippet` in a template costs a dir() of the article."""
    snippet = getattr(article, "snippet", "")
    return snippet or Truncator(article.lead).chars(CARD_LEAD_LENGTH)
