"""The newsroom speaks the article's satker's own time: WIB, WITA or WIT. Storage stays UTC.

For one admin request the satker's zone becomes Django's current time zone, so the form fields
parse and show local times, admin's "Sekarang" (base.html's data-admin-utc-offset) means now
there, and the date drill-down of the list counts local days. The response is rendered inside
that zone: a TemplateResponse rendered later would show the server's zone again.
"""

import datetime
import re
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from satker.models import TIME_ZONE_LABELS, Satker, TimeZone
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
    if moment is None:
        return ""
    local = timezone.localtime(moment, ZoneInfo(satker.time_zone))
    return f"{dateformat.format(local, fmt)} {satker.time_zone_label}"


def own_zone(user):
    """The zone of the satker the user works for; the server's (WIB) for a superadmin without one."""
    membership = membership_of(user)
    return membership.satker.time_zone if membership is not None else settings.TIME_ZONE


def form_zone(request, model, object_id=None):
    """The zone an article form reads and writes in: its satker's; on an add form the chosen
    satker's (a superadmin's ?satker= or posted choice), else the user's own. A posted form is read
    in the zone it was shown in (a superadmin who then picks a WIT satker typed under "WIB")."""
    shown = request.POST.get(SHOWN_ZONE_FIELD)
    if shown in TimeZone.values:
        return shown
    if object_id is not None:
        try:
            found = model.objects.filter(pk=unquote(object_id)).values_list("satker__time_zone", flat=True).first()
        except (ValueError, ValidationError, OverflowError):
            found = None  # not an id: the admin answers it as a missing article
        if found:
            return found
    chosen = request.POST.get("satker") or request.GET.get("satker")
    if chosen and request.user.is_superuser and str(chosen).isdigit():
        found = Satker.objects.filter(pk=chosen).values_list("time_zone", flat=True).first()
        if found:
            return found
    return own_zone(request.user)


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
        with in_zone(form_zone(request, self.model, object_id)):
            return rendered(super().changeform_view(request, object_id, form_url, extra_context))

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
        try:
            return super().compress(data_list)
        except ValidationError as exc:
            if exc.code != "ambiguous_timezone":
                raise
            moment = datetime.datetime.combine(*data_list)
            raise ValidationError(
                _("Waktu %(when)s tidak ada atau bermakna ganda dalam %(zone)s. Pilih waktu lain."),
                code="ambiguous_timezone",
                params={"when": moment.strftime("%d-%m-%Y %H.%M"), "zone": current_zone_label()},
            ) from exc
