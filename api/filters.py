"""The article list's query parameters: the public listing's filters plus date range and sync.

The listing's own form (news.public.filters.ArticleFilterForm) validates and applies satker (with its
descendants), divisi, tag, jenis, tahun, bulan and q; this adds `dari`/`sampai` (publication
dates, inclusive, in WIB like the listing's year and month) and `updated_since`, and refuses
what a page would quietly ignore: unknown parameters and tags no public article carries.
"""

import datetime
import re

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Article
from news.public.filters import ArticleFilterForm
from news.public.search import matching

from .errors import InvalidParameters

PAGINATION_PARAMETERS = {"cursor", "page_size"}
CHANGED_IDS = 1_000  # updated_since: changes fetched by id up to this many (changed_since)
# "+07:00" typed into a URL arrives as " 07:00" (a plus is a space in a query string).
SPACE_FOR_PLUS = re.compile(r"(T\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d:?\d\d)$")


UNKNOWN_MESSAGE = _("Parameter tidak dikenal: %(names)s.")
EMPTY_MESSAGE = _("Parameter kosong: %(names)s. Isi nilainya atau hapus parameternya.")


def unknown_names(query_params, allowed):
    """'foo, satkr' for parameters not in `allowed`: a misspelt filter must not be ignored."""
    return ", ".join(sorted(set(query_params) - allowed))


def refuse_unknown(query_params, allowed):
    unknown = unknown_names(query_params, allowed)
    if unknown:
        raise InvalidParameters({"parameters": [UNKNOWN_MESSAGE % {"names": unknown}]})


class ArticleQueryForm(ArticleFilterForm):
    dari = forms.DateField(label=_("Terbit sejak tanggal"), input_formats=["%Y-%m-%d"], required=False)
    sampai = forms.DateField(label=_("Terbit sampai tanggal"), input_formats=["%Y-%m-%d"], required=False)
    updated_since = forms.DateTimeField(label=_("Berubah sejak"), required=False)

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        if "updated_since" in data:
            data["updated_since"] = SPACE_FOR_PLUS.sub(r"\1+\2", data["updated_since"])
        super().__init__(data, *args, **kwargs)

    def clean_tag(self):
        slug = self.cleaned_data["tag"]
        if slug and not Article.objects.published().filter(tags__slug=slug).exists():
            raise forms.ValidationError(_("Tag tidak dikenal."), code="unknown")
        return slug

    def clean_updated_since(self):
        value = self.cleaned_data["updated_since"]
        if value is None:
            return None
        try:
            # In UTC: PostgreSQL refuses offsets past 15:59 ("-22:50"), which Python accepts.
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(_("Waktu di luar rentang."), code="invalid") from None

    def clean(self):
        cleaned = super().clean()
        unknown = unknown_names(self.data, set(self.fields) | PAGINATION_PARAMETERS)
        if unknown:
            raise forms.ValidationError(UNKNOWN_MESSAGE, code="unknown", params={"names": unknown})
        empty = ", ".join(sorted(name for name, value in self.data.items() if value == ""))
        if empty:
            # The site's form sends empty fields; a program that sends one has likely lost a value.
            raise forms.ValidationError(EMPTY_MESSAGE, code="empty", params={"names": empty})
        dari, sampai = cleaned.get("dari"), cleaned.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned

    def search(self, queryset, text):
        # The same matches as the site's search; the pages stay newest first (pagination.py).
        return matching(queryset, text)

    def apply(self, queryset):
        queryset = super().apply(queryset)
        data = self.cleaned_data
        zone = timezone.get_default_timezone()
        if data["dari"] and data["dari"] > datetime.date.min:
            queryset = queryset.filter(published_at__gte=datetime.datetime.combine(data["dari"], datetime.time(), zone))
        if data["sampai"] and data["sampai"] < datetime.date.max:
            next_day = data["sampai"] + datetime.timedelta(days=1)
            queryset = queryset.filter(published_at__lt=datetime.datetime.combine(next_day, datetime.time(), zone))
        if data["updated_since"]:
            queryset = queryset.filter(changed_since(data["updated_since"]))
        return queryset


def changed_since(since):
    """Articles changed, or public, since `since`: a scheduled article changes for the public
    when its time comes, not when it was saved.

    A sync asks for the few articles changed in the last minutes, and PostgreSQL guesses about
    1 % of the table for any recent time (its statistics end before the newest rows), so it walks
    the newest-first index through every public article looking for 21 of them (6 s at a
    million). Each half is first read from its own index in that index's order (a plain range,
    whatever the guess): up to CHANGED_IDS rows they become a list of ids, which the planner
    fetches by primary key. Past that, over CHANGED_IDS articles match and the newest-first walk
    meets 21 of them soon (unless nearly all are old articles edited lately: a slow page).
    """
    changed = Article.objects.published().filter(updated_at__gte=since)
    appeared = Article.objects.published().filter(published_at__gte=since)  # not the scheduled
    ids = []
    for articles, field in ((changed, "updated_at"), (appeared, "published_at")):
        found = list(articles.order_by(field).values_list("pk", flat=True)[: CHANGED_IDS + 1])
        if len(found) > CHANGED_IDS:
            return Q(updated_at__gte=since) | Q(published_at__gte=since)
        ids += found
    return Q(pk__in=sorted(set(ids)))


def article_filters(query_params):
    """A valid ArticleQueryForm for the request's parameters, or InvalidParameters (400)."""
    form = ArticleQueryForm(query_params)
    if not form.is_valid():
        raise InvalidParameters({"parameters" if name == "__all__" else name: e for name, e in form.errors.items()})
    return form
