"""Forms of the newsroom. The body's editor widget is chosen here and only here."""

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Article, ArticleCorrection, ArticleImage, Revision, Status
from news.newsroom.tag_forms import clean_tag_names
from news.newsroom.workflow import allowed_statuses, can_withdraw
from news.newsroom.zones import ZonedDateTimeField, current_zone_label
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
    # Withdrawal (withdrawn_at is set on save): only for users who may withdraw, see __init__.
    withdrawn = forms.BooleanField(
        label=_("Tarik artikel ini"),
        required=False,
        help_text=_(
            "Alamatnya tetap ada dengan pemberitahuan, tanggal dan alasan penarikan; isinya tidak tampil, "
            "dan artikel keluar dari daftar, umpan, peta situs dan pencarian."
        ),
    )

    # In the satker's own zone, which the admin makes current for the request (news/newsroom/zones.py).
    published_at = ZonedDateTimeField(label=_("Waktu terbit"), required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "dateline", "lead", "body",
            "featured_image", "featured_image_alt", "featured_image_caption",
            "attachment", "divisions", "tags", "editor_credit", "status", "published_at", "share_down",
            "withdrawal_reason",
        ]  # fmt: skip
        widgets = {
            "body": BodyEditorWidget(),
            "title": forms.TextInput(attrs={"data-counter": SHARE_TITLE_LENGTH, "class": "vTextField"}),
            "lead": forms.Textarea(attrs={"rows": 3, "maxlength": 300, "data-counter": SHARE_LEAD_LENGTH}),
        }
        help_texts = {
            "title": _("Judul yang jelas; sampai %(n)s karakter tampil utuh saat dibagikan.")
            % {"n": SHARE_TITLE_LENGTH},
            "dateline": _(
                'Misalnya Kediri. Ditulis sendiri di depan isi sebagai "KEDIRI —": jangan ketik lagi di isi '
                '(bila isi diawali "KEDIRI –", bagian itu dibuang saat disimpan).'
            ),
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
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = _(
                'Waktu setempat satker, %(zone)s; "Sekarang" mengisi waktu %(zone)s saat ini. '
                "Waktu di masa depan menjadwalkan artikel; kosong saat terbit berarti sekarang."
            ) % {"zone": current_zone_label()}
        if "tags" in self.fields:
            self.fields["tags"].label = _("Tag")
        if user is not None and "status" in self.fields:
            allowed = allowed_statuses(user)
            self.fields["status"].choices = [(v, label) for v, label in self.fields["status"].choices if v in allowed]
        self.fields["withdrawn"].initial = self.instance.withdrawn_at is not None
        if user is None or not can_withdraw(user) or "withdrawal_reason" not in self.fields:
            del self.fields["withdrawn"]

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
        self.check_withdrawal(cleaned)
        self.check_version(cleaned)
        return cleaned

    def check_withdrawal(self, cleaned):
        """Only an article readers can see now may be withdrawn, and readers are told why."""
        if not cleaned.get("withdrawn"):
            return
        if not cleaned.get("withdrawal_reason", "").strip():
            self.add_error(
                "withdrawal_reason", _("Alasan penarikan wajib diisi: pembaca melihatnya di halaman artikel.")
            )
        was_live = self.instance.is_public() or self.instance.withdrawn_at is not None
        if not was_live or cleaned.get("status") != Status.PUBLISHED:
            self.add_error(
                "withdrawn",
                _("Hanya artikel yang sedang tayang yang dapat ditarik. Artikel yang belum tayang cukup "
                  "dikembalikan ke draf atau diarsipkan."),
            )  # fmt: skip

    def save(self, commit=True):
        if "withdrawn" in self.fields:
            withdrawn = self.cleaned_data.get("withdrawn")
            self.instance.withdrawn_at = (self.instance.withdrawn_at or timezone.now()) if withdrawn else None
        return super().save(commit)

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
        moment = timezone.localtime(latest.created_at if latest else timezone.now())
        when = f"{moment.strftime('%d-%m-%Y %H.%M')} {current_zone_label()}"
        self.refused_content = cleaned
        raise ValidationError(
            _("Artikel ini sudah diubah oleh %(who)s pada %(when)s, setelah Anda membukanya. Simpanan Anda "
              "ditolak agar perubahan itu tidak tertimpa; isian Anda tersimpan di Riwayat revisi. Buka "
              "artikel ini lagi, lalu terapkan perubahan Anda pada versi terbaru."),
            code="version_conflict",
            params={"who": who, "when": when},
        )  # fmt: skip


class ArticleCorrectionForm(forms.ModelForm):
    class Meta:
        model = ArticleCorrection
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 1000})}


class ArticleCorrectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The formset's article is the one being saved, with the status the editor just chose
        # (each form's own `article` would be the stored copy).
        written = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        if written and not self.instance.is_public():
            raise ValidationError(
                _("Ralat hanya untuk artikel yang sedang tayang. Artikel yang belum terbit cukup diperbaiki isinya."),
                code="not_public",
            )


class ArticleImageForm(CleanImageFieldMixin, forms.ModelForm):
    image_fields = ("image",)

    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "caption", "position"]
