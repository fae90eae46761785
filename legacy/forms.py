from django import forms
from django.utils.translation import gettext_lazy as _

from .keys import key_for_url
from .links import check_target
from .models import OldLink


class OldLinkForm(forms.ModelForm):
    class Meta:
        model = OldLink
        fields = ["satker", "old_url", "article", "page", "target_path"]

    def __init__(self, *args, satker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker = satker  # set by the admin for single-satker staff; else the chosen one

    def clean(self):
        cleaned = super().clean()
        satker = self.satker or cleaned.get("satker")
        old_url, article, target = cleaned.get("old_url", ""), cleaned.get("article"), cleaned.get("target_path", "")
        page = cleaned.get("page")
        if satker is None or not old_url:
            return cleaned
        key = key_for_url(old_url)
        if key is None:
            self.add_error("old_url", _("Alamat lama ini tidak menunjuk halaman mana pun."))
        if [bool(article), bool(page), bool(target)].count(True) != 1:
            raise forms.ValidationError(
                _("Pilih salah satu: artikel tujuan, halaman tujuan atau alamat tujuan."), code="target"
            )
        if article and article.satker_id != satker.pk:
            self.add_error("article", _("Artikel tujuan harus milik satker ini."))
        if page and page.satker_id != satker.pk:
            self.add_error("page", _("Halaman tujuan harus milik satker ini."))
        try:
            check_target(satker, old_url, target)
        except forms.ValidationError as error:
            self.add_error("target_path", error)
        duplicate = OldLink.objects.filter(satker=satker, key=key).exclude(pk=self.instance.pk)
        if key and duplicate.exists():
            self.add_error("old_url", _("Alamat lama ini sudah dialihkan."))
        self.instance.key = key or ""
        return cleaned
