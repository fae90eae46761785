"""The newsroom speaks the article's satker's own time: WIB, WITA or WIT. Storage stays UTC.

For one admin request the satker's zone becomes Django's current time zone, so the form fields
parse and show local times, admin's "Sekarang" (base.html's data-admin-utc-offset) means now
there, and the date drill-down of the list counts local days. The response is rendered inside
that zone: a TemplateResponse rendered later would show the server's zone again.
"""

import re
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.templatetags.news import satker_datetime
from satker.directory_cache import directory
from satker.models import TIME_ZONE_LABELS, TimeZone
from satker.scoping import membership_of

# The form posts the zone its time was shown in, so a time is read as the label beside it said.
SHOWN_ZONE_FIELD = "published_at_zone"
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def zone_label(zone_name):
    """'WIT' for Asia/Jayapura; the IANA name for a zone outside Indonesia's three."""
    return TIME_ZONE_LABELS.get(zone_name, zone_name)


def current_zone_label():
    return zone_label(timezone.get_current_timezone_name())


def local_time(moment, satker, fmt="j M Y H.i"):
    """'3 Des 2026 16.32 WIT': a stored (UTC) moment as the satker's people read it."""
    return satker_datetime(moment, satker, fmt)


def own_zone(user):
    """The zone of the satker the user works for; the server's (WIB) for a superadmin without one."""
    membership = membership_of(user)
    return membership.satker.time_zone if membership is not None else settings.TIME_ZONE


def form_zone(request):
    """The zone an article form starts in: the one a posted form was shown in (a superadmin who
    then picks a WIT satker typed under "WIB"), else on an add form the chosen satker's (a
    superadmin's ?satker= or posted choice), else the user's own. A change form then moves to its
    article's zone (SatkerZoneAdminMixin.get_object)."""
    shown = shown_zone(request)
    if shown is not None:
        return shown
    chosen = str(request.POST.get("satker") or request.GET.get("satker") or "")
    if request.user.is_superuser and chosen.isdecimal():
        # The in-memory directory: no query, and any number (a 30-digit one too) is just not found.
        satker = directory().by_id.get(int(chosen))
        if satker is not None:
            return satker.time_zone
    return own_zone(request.user)


def shown_zone(request):
    """The zone the posted form showed its time in (the widget posts it), or None."""
    shown = request.POST.get(SHOWN_ZONE_FIELD)
    return shown if shown in TimeZone.values else None


@contextmanager
def in_zone(zone_name):
    with timezone.override(ZoneInfo(zone_name)):
        yield


def rendered(response):
    """Render a TemplateResponse now, while the satker's zone is active."""
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response.render()
    return response


class SatkerZoneAdminMixin:
    """Add form, change form and list of a satker's model in that satker's zone."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with in_zone(form_zone(request)):
            request.zone_follows_object = shown_zone(request) is None
            try:
                return rendered(super().changeform_view(request, object_id, form_url, extra_context))
            finally:
                del request.zone_follows_object

    def get_object(self, request, object_id, from_field=None):
        # The change form's zone is its object's, found when the admin loads the object (a
        # malformed id is then Django's "not found"), from the in-memory satker directory: no
        # query of its own. Activated inside changeform_view's in_zone only, which undoes it.
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "zone_follows_object", False):
            satker = directory().by_id.get(obj.satker_id) or obj.satker
            timezone.activate(ZoneInfo(satker.time_zone))
        return obj

    def changelist_view(self, request, extra_context=None):
        # Each row names its own zone (local_time); the drill-down by date counts the user's days.
        with in_zone(own_zone(request.user)):
            return rendered(super().changelist_view(request, extra_context))


class ZonedSplitDateTime(AdminSplitDateTime):
    """Admin's date and time boxes with the zone written beside them (WIB/WITA/WIT)."""

    template_name = "newsroom/widgets/zoned_split_datetime.html"

    class Media:
        # Hides admin's "Catatan: Waktu Anda lebih cepat N jam": the zone label says it better.
        css = {"all": ["newsroom/zones.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["time_label"] = _("Jam:")
        context["zone_label"] = current_zone_label()
        context["zone_name"] = timezone.get_current_timezone_name()
        context["zone_field"] = SHOWN_ZONE_FIELD
        return context


ISO_DATE_TIME = re.compile(r"\dT\d")  # 2026-12-03T16:32
ZONE_SUFFIX = re.compile(r"(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)  # 16:32:00+09:00, 09:32Z


def looks_pasted(parts):
    """A whole ISO time pasted into the date or time box, with or without its zone."""
    day, time = (str(part or "").strip() for part in [*parts, "", ""][:2])
    return bool(ISO_DATE_TIME.search(day) or ISO_DATE_TIME.search(time) or ZONE_SUFFIX.search(time))


class ZonedDateTimeField(forms.SplitDateTimeField):
    """A local date and time in the current (satker's) zone, checked for what people paste."""

    widget = ZonedSplitDateTime

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_date": _("Tanggal tidak dikenali. Tulis seperti 17-08-2026 (tanggal-bulan-tahun)."),
                "invalid_time": _("Jam tidak dikenali. Tulis jam dan menit seperti 16.30 (00.00 sampai 23.59)."),
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        if isinstance(value, list | tuple) and looks_pasted(value):
            # A pasted ISO time ("2026-12-03T16:32:00+07:00"): its zone may not be the satker's.
            raise ValidationError(
                _("Tempel waktu tidak bisa dipakai: isi tanggal (17-08-2026) dan jam setempat %(zone)s "
                  "(16.30) di kotaknya masing-masing."),
                code="pasted_iso",
                params={"zone": current_zone_label()},
            )  # fmt: skip
        return super().clean(value)

    def compress(self, data_list):
        if data_list and data_list[0] and not EARLIEST_YEAR <= data_list[0].year <= LATEST_YEAR:
            raise ValidationError(
                _("Tahun harus antara %(first)s dan %(last)s."),
                code="out_of_range",
                params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            )
        # WIB, WITA and WIT have no daylight saving, so no local time is missing or doubled; in any
        # other zone Django's own (translated) "ambiguous or does not exist" error still applies.
        return super().compress(data_list)
