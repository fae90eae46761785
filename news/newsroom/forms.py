"""Forms of the newsroom. The body's editor widget is chosen here and only here."""

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Article, ArticleImage, Revision
from news.newsroom.tag_forms import clean_tag_names
from news.newsroom.workflow import allowed_statuses
from news.uploads import CleanImageFieldMixin

# Lengths that fit a link preview on WhatsApp, Facebook and search results.
SHARE_TITLE_LENGTH = 70
SHARE_LEAD_LENGTH = 160


class BodyEditorWidget(CKEditorWidget):
    """CKEditor 4, uploading to our own view (news/newsroom/editor_upload.py), never to a file browser.

    One place to swap the rich-text editor (e.g. to CKEditor 5): see docs/newsroom.md, "Security".
    """

    def _set_config(self):
        self.config["filebrowserUploadUrl"] = reverse("ckeditor_upload")
        self.config["uploadUrl"] = reverse("ckeditor_upload")
        super()._set_config()


class ArticleForm(CleanImageFieldMixin, forms.ModelForm):
    image_fields = ("featured_image",)
    # Optimistic locking: the version of the article this form was loaded with (check_version).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "dateline", "lead", "body",
            "featured_image", "featured_image_alt", "featured_image_caption",
            "attachment", "divisions", "tags", "editor_credit", "status", "published_at", "share_down",
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

    def __init__(self, *args, user=None, storage_full=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.refused_content = None  # what the editor sent, when check_version refused it
        self.storage_full = storage_full  # set by the admin after the disk filled up during a save
        self.fields["loaded_version"].initial = self.instance.version
        if "tags" in self.fields:
            self.fields["tags"].label = _("Tag")
        if user is not None and "status" in self.fields:
            allowed = allowed_statuses(user)
            self.fields["status"].choices = [(v, label) for v, label in self.fields["status"].choices if v in allowed]

    def clean_tags(self):
        # Checked as a title is (news/newsroom/tag_forms.py): a tag's name heads a public page. The
        # stored tags pass as they are; an add form's initial from the query string is text, not tags.
        kept = [tag.name for tag in self.initial.get("tags") or [] if hasattr(tag, "name")]
        return clean_tag_names(self.cleaned_data.get("tags") or [], kept=kept)

    def clean(self):
        cleaned = super().clean()
        has_image = cleaned.get("featured_image") or (
            self.instance.featured_image and "featured_image" not in self.changed_data
        )
        if has_image and cleaned.get("featured_image") is not False and not cleaned.get("featured_image_alt"):
            self.add_error("featured_image_alt", _("Teks alternatif wajib diisi untuk gambar utama."))
        if self.storage_full:
            self.add_error(
                None,
                _("Penyimpanan server penuh: gambar tidak dapat disimpan, dan artikel tidak diubah. "
                  "Isian Anda masih ada di bawah; hubungi admin, lalu simpan lagi."),
            )  # fmt: skip
        self.check_version(cleaned)
        return cleaned

    def check_version(self, cleaned):
        """Refuse a save made on an older version than the one stored now, so a second editor (or
        an import) is never silently overwritten; the admin keeps the refused content as a
        revision (`refused_content`). Inside the admin's transaction the row stays locked until
        the save ends, so two saves cannot both pass."""
        if self.instance.pk is None:
            return
        rows = Article.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values_list("version", flat=True).first()
        loaded = cleaned.get("loaded_version")
        # A post without the field (a script, an old open tab) is not checked: the admin form always sends it.
        if current is None or loaded is None or loaded == current:
            return
        latest = Revision.objects.filter(article_id=self.instance.pk).select_related("author").first()
        who = (latest.author.get_username() if latest and latest.author else "") or _("editor lain")
        when = timezone.localtime(latest.created_at if latest else timezone.now()).strftime("%d-%m-%Y %H:%M")
        self.refused_content = cleaned
        raise ValidationError(
            _("Artikel ini sudah diubah oleh %(who)s pada %(when)s, setelah Anda membukanya. Simpanan Anda "
              "ditolak agar perubahan itu tidak tertimpa; isian Anda tersimpan di Riwayat revisi. Buka "
              "artikel ini lagi, lalu terapkan perubahan Anda pada versi terbaru."),
            code="version_conflict",
            params={"who": who, "when": when},
        )  # fmt: skip


class ArticleImageForm(CleanImageFieldMixin, forms.ModelForm):
    image_fields = ("image",)

    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "caption", "position"]
