"""The iCalendar feed of a site's election schedule (/tahapan.ics), for phone calendars.

Stages are all-day events (the schedules KPU publishes are in dates, not times), so they fall
on the right days in WIB, WITA and WIT alike. UIDs follow from the row ids and never change, so
a subscribed calendar updates an event instead of adding a copy; DTSTAMP is the row's last
change, so the same schedule gives the same bytes (and the page cache a stable answer).
"""

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from news.links import absolute_url

UID_DOMAIN = "kpu.go.id"
PRODUCT_ID = "-//Komisi Pemilihan Umum//Portal Berita KPU//ID"


def all_day_event(uid, summary, first_day, last_day, stamp, description="", url=""):
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", first_day)
    event.add("dtend", last_day + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # a stage spans weeks: it must not show the reader as busy
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def election_calendar(elections, site, site_name):
    """The calendar of `elections` (loaded with_stages()) as shown on `site`, in bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Tahapan Pemilu — %(site)s") % {"site": site_name})
    page = absolute_url(site, reverse("elections:stage_list"))
    for election in elections:
        calendar.add_component(
            all_day_event(
                f"pemungutan-suara-{election.pk}",
                _("%(election)s: hari pemungutan suara") % {"election": election.name},
                election.voting_day,
                election.voting_day,
                election.updated_at,
                url=page,
            )
        )
        for stage in election.stages.all():
            calendar.add_component(
                all_day_event(
                    f"tahapan-{stage.pk}",
                    f"{election.name}: {stage.name}",
                    stage.start,
                    stage.end,
                    stage.updated_at,
                    description=stage.description,
                    url=page,
                )
            )
    return calendar.to_ical()
