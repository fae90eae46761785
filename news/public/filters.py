"""The listing's filters, validated from the query string: satker, divisi, tag, tahun, bulan, q."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from news.models import Division, Kind, Tag
from news.public.search import search
from satker.directory_cache import satker_by_slug

MONTHS = [
    (1, _("Januari")), (2, _("Februari")), (3, _("Maret")), (4, _("April")), (5, _("Mei")), (6, _("Juni")),
    (7, _("Juli")), (8, _("Agustus")), (9, _("September")), (10, _("Oktober")), (11, _("November")),
    (12, _("Desember")),
]  # fmt: skip
SEARCH_MAX_LENGTH = 200


class ListedDivisions(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for division in self.field.divisions:
            yield self.choice(division)

    def __len__(self):
        return len(self.field.divisions) + (self.field.empty_label is not None)


class DivisionField(forms.ModelChoiceField):
    """A division by slug, checked against the same few rows the menu lists: one query, not two
    (the tag filter's id lookup spends the one saved, within the listing's query budget)."""

    iterator = ListedDivisions

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.__dict__.pop("divisions", None)  # each form reads the divisions afresh
        return copied

    @cached_property
    def divisions(self):
        return list(self.queryset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        for division in self.divisions:
            if division.slug == value:
                return division
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ArticleFilterForm(forms.Form):
    satker = forms.SlugField(label=_("Satker"), required=False)
    divisi = DivisionField(
        label=_("Divisi"), queryset=Division.objects.all(), to_field_name="slug", required=False,
        empty_label=_("Semua divisi"),
    )  # fmt: skip
    tag = forms.SlugField(label=_("Tag"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[("", _("Semua jenis")), *Kind.choices], required=False)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), choices=[("", _("Semua bulan")), *MONTHS], coerce=int, required=False, empty_value=None
    )
    q = forms.CharField(label=_("Kata kunci"), required=False)

    def clean_satker(self):
        slug = self.cleaned_data["satker"]
        if not slug:
            return None
        satker = satker_by_slug(slug)
        if satker is None:
            raise forms.ValidationError(_("Satker tidak dikenal."), code="unknown")
        return satker

    def clean_q(self):
        # Long pasted text is cut rather than refused: the search still helps the reader.
        return self.cleaned_data["q"].strip()[:SEARCH_MAX_LENGTH]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("bulan") and not cleaned.get("tahun"):
            self.add_error("bulan", _("Pilih tahun bila memilih bulan."))
        return cleaned

    def apply(self, queryset):
        """Narrow `queryset` by every filter given. Call only when the form is valid."""
        data = self.cleaned_data
        if data["satker"]:
            queryset = queryset.for_satker(data["satker"])
        if data["divisi"]:
            queryset = queryset.filter(divisions=data["divisi"])
        if data["tag"]:
            queryset = tagged(queryset, data["tag"])
        if data["jenis"]:
            queryset = queryset.filter(kind=data["jenis"])
        if data["tahun"]:
            queryset = queryset.filter(published_at__year=data["tahun"])
        if data["bulan"]:
            queryset = queryset.filter(published_at__month=data["bulan"])
        if data["q"]:
            queryset = self.search(queryset, data["q"])
        return queryset

    def search(self, queryset, text):
        """Ranked, with snippets (the site); the API keeps its own order and takes `matching`."""
        return search(queryset, text)

    def active_filters(self):
        """The query string of the active filters, for pagination links."""
        return {key: value for key, value in self.data.items() if key in self.fields and value}


def tagged(queryset, slug):
    """The articles of `queryset` tagged `slug` (none for an unknown tag).

    The tag's id is looked up first and goes into the query as a value, so PostgreSQL knows
    from its statistics how common the tag is: for a tag on half the articles it walks the
    newest and probes each one's tags, for a rare tag it fetches the tagged ids and sorts
    them. Joined by slug, it guessed ~700 rows for any tag, and the commonest took 5 s.
    """
    tag_id = Tag.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if tag_id is None:
        return queryset.none()
    return queryset.filter(tags=tag_id)
