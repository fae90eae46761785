from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from pagecache.pages import cached_public, public_page

from .calendar import election_calendar
from .models import Election
from .timeline import site_today, timelines


def site_elections(request):
    """The elections this site shows, each with its owner and stages (two queries)."""
    return Election.objects.for_site(request.site_satker).select_related("satker").with_stages()


def site_name(site):
    return site.name if site else _("Komisi Pemilihan Umum")


@public_page
class StageListView(TemplateView):
    """The timelines of the ongoing and coming elections (the current stage marked, the days to
    voting day), then past ones folded."""

    template_name = "elections/stage_list.html"

    def get_context_data(self, **kwargs):
        site = self.request.site_satker
        today = site_today(site)
        ongoing, past = timelines(site_elections(self.request), today)
        return super().get_context_data(today=today, ongoing=ongoing, past=past, **kwargs)


def calendar_view(request):
    site = request.site_satker
    body = election_calendar(site_elections(request), site, site_name(site))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tahapan.ics"'
    return response


stage_calendar = cached_public(calendar_view)
