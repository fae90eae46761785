"""Forms of the newsroom. The body's editor widget is chosen here and only here."""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleImage
from .workflow import allowed_statuses

# One place to swap the rich-text editor (e.g. to CKEditor 5): see README, "Security".
BodyEditorWidget = CKEditorUploadingWidget


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "dateline", "lead", "body",
            "featured_image", "featured_image_alt", "featured_image_caption",
            "divisions", "tags", "editor_credit", "status", "published_at",
        ]  # fmt: skip
        widgets = {"body": BodyEditorWidget(), "lead": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            allowed = allowed_statuses(user)
            self.fields["status"].choices = [(v, label) for v, label in self.fields["status"].choices if v in allowed]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("featured_image") and not cleaned.get("featured_image_alt"):
            self.add_error("featured_image_alt", _("Teks alternatif wajib diisi untuk gambar utama."))
        return cleaned


class ArticleImageForm(forms.ModelForm):
    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "caption", "position"]
