from itertools import groupby
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from pagecache.pages import public_page
from satker.directory_cache import satker_by_slug

from .models import Commissioner, Position

NATIONAL_BOARD = "ri"  # the national portal shows KPU RI's commissioners


def board_satker(request):
    """The satker whose commission the site shows: the site's own, KPU RI on the national portal."""
    satker = request.site_satker or satker_by_slug(NATIONAL_BOARD)
    if satker is None:
        raise Http404
    return satker


def local_today(satker):
    """Today in the satker's own zone: a term ending today still counts in Jayapura's evening."""
    return timezone.localdate(timezone=ZoneInfo(satker.time_zone))


def division_leaders(request, division):
    """Who led `division` at this site's satker, newest term first (the division page)."""
    members = Commissioner.objects.of_satker(board_satker(request))
    return list(members.filter(division=division).order_by("-term_start", "name"))


@public_page
class CommissionerListView(TemplateView):
    """The members in office today, Ketua first, then by division; the Sekretaris apart."""

    template_name = "commissioners/commissioner_list.html"

    def get_context_data(self, **kwargs):
        satker = board_satker(self.request)
        serving = list(Commissioner.objects.of_satker(satker).serving(local_today(satker)).in_board_order())
        return super().get_context_data(
            satker=satker,
            commissioners=[person for person in serving if person.position != Position.SECRETARY],
            secretaries=[person for person in serving if person.position == Position.SECRETARY],
            **kwargs,
        )


RANK = {Position.CHAIR: 0, Position.MEMBER: 1, Position.SECRETARY: 2}


def history_order(person):
    division = person.division.position if person.division else 999
    return (-person.term_end.year, -person.term_start.year, RANK[person.position], division, person.name)


def term_label(person):
    return f"{person.term_start.year}–{person.term_end.year}"


@public_page
class CommissionerHistoryView(TemplateView):
    """Earlier terms, newest first, grouped by period (e.g. 2018–2023)."""

    template_name = "commissioners/commissioner_history.html"

    def get_context_data(self, **kwargs):
        satker = board_satker(self.request)
        former = Commissioner.objects.of_satker(satker).former(local_today(satker)).select_related("division")
        former = sorted(former, key=history_order)
        periods = [(label, list(people)) for label, people in groupby(former, key=term_label)]
        return super().get_context_data(satker=satker, periods=periods, **kwargs)
