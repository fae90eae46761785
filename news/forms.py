"""Forms of the newsroom. The body's editor widget is chosen here and only here."""

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleImage
from .uploads import CleanImageFieldMixin
from .workflow import allowed_statuses

# Lengths that fit a link preview on WhatsApp, Facebook and search results.
SHARE_TITLE_LENGTH = 70
SHARE_LEAD_LENGTH = 160


class BodyEditorWidget(CKEditorWidget):
    """CKEditor 4, uploading to our own view (news/editor_upload.py), never to a file browser.

    One place to swap the rich-text editor (e.g. to CKEditor 5): see docs/newsroom.md, "Security".
    """

    def _set_config(self):
        self.config["filebrowserUploadUrl"] = reverse("ckeditor_upload")
        self.config["uploadUrl"] = reverse("ckeditor_upload")
        super()._set_config()


class ArticleForm(CleanImageFieldMixin, forms.ModelForm):
    image_fields = ("featured_image",)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "dateline", "lead", "body",
            "featured_image", "featured_image_alt", "featured_image_caption",
            "divisions", "tags", "editor_credit", "status", "published_at",
        ]  # fmt: skip
        widgets = {
            "body": BodyEditorWidget(),
            "title": forms.TextInput(attrs={"data-counter": SHARE_TITLE_LENGTH, "class": "vTextField"}),
            "lead": forms.Textarea(attrs={"rows": 3, "maxlength": 300, "data-counter": SHARE_LEAD_LENGTH}),
        }
        help_texts = {
            "title": _("Judul yang jelas; sampai %(n)s karakter tampil utuh saat dibagikan.")
            % {"n": SHARE_TITLE_LENGTH},
            "body": _("Tempel dari Word atau WhatsApp boleh: format yang tidak aman dibuang saat disimpan."),
            "status": _(
                "Draf dan Menunggu tinjauan tidak tampil di situs. Terbit dengan waktu di masa depan = terjadwal."
            ),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            self.fields["tags"].label = _("Tag")
        if user is not None and "status" in self.fields:
            allowed = allowed_statuses(user)
            self.fields["status"].choices = [(v, label) for v, label in self.fields["status"].choices if v in allowed]

    def clean(self):
        cleaned = super().clean()
        has_image = cleaned.get("featured_image") or (
            self.instance.featured_image and "featured_image" not in self.changed_data
        )
        if has_image and cleaned.get("featured_image") is not False and not cleaned.get("featured_image_alt"):
            self.add_error("featured_image_alt", _("Teks alternatif wajib diisi untuk gambar utama."))
        return cleaned


class ArticleImageForm(CleanImageFieldMixin, forms.ModelForm):
    image_fields = ("image",)

    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "caption", "position"]
