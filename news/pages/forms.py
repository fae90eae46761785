"""The page form of the newsroom: the articles' editor widget, and the rules of slugs and parents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from news.models import slug_base
from news.newsroom.forms import BodyEditorWidget
from news.newsroom.workflow import allowed_statuses
from satker.models import Level

from .models import SLUG_MAX_LENGTH, Page
from .slugs import reserved_slugs


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["satker", "title", "slug", "body", "parent", "order", "status", "for_all_sites"]
        widgets = {"body": BodyEditorWidget()}

    def __init__(self, *args, user=None, satker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker = satker  # the user's own satker, set by the admin; None: the chosen one
        if user is not None and "status" in self.fields:
            allowed = allowed_statuses(user)
            self.fields["status"].choices = [(v, label) for v, label in self.fields["status"].choices if v in allowed]

    def page_satker(self):
        return self.satker or self.cleaned_data.get("satker") or getattr(self.instance, "satker", None)

    def clean(self):
        cleaned = super().clean()
        satker = self.page_satker()
        slug = cleaned.get("slug") or slug_base(cleaned.get("title") or "")[: SLUG_MAX_LENGTH - 5].strip("-")
        if slug in reserved_slugs():
            self.add_error(
                "slug" if cleaned.get("slug") else "title",
                _("Alamat “%(slug)s” sudah dipakai bagian lain situs ini. Pilih slug lain, misalnya “%(slug)s-kpu”.")
                % {"slug": slug},
            )
        elif satker is not None and cleaned.get("slug"):
            taken = Page.objects.filter(satker=satker, slug=cleaned["slug"]).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", _("Satker ini sudah punya halaman dengan slug ini."))
        self.check_parent(cleaned.get("parent"), satker)
        if cleaned.get("for_all_sites") and satker is not None and satker.level != Level.PUSAT:
            self.add_error("for_all_sites", _("Hanya halaman KPU RI yang dapat tampil di semua situs."))
        return cleaned

    def check_parent(self, parent, satker):
        if parent is None:
            return
        if satker is not None and parent.satker_id != satker.pk:
            self.add_error("parent", _("Induk harus halaman satker yang sama."))
        elif parent.pk == self.instance.pk:
            self.add_error("parent", _("Halaman tidak dapat menjadi induk dirinya sendiri."))
        elif parent.parent_id is not None:
            self.add_error("parent", _("Menu hanya satu tingkat: halaman induk ini sendiri sudah punya induk."))
        elif self.instance.pk and self.instance.children.exists():
            self.add_error(
                "parent", _("Halaman ini punya subhalaman, jadi tidak dapat diberi induk (menu satu tingkat).")
            )
