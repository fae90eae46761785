from django import forms

from news.uploads import CleanImageFieldMixin

from .models import Commissioner


class CommissionerForm(CleanImageFieldMixin, forms.ModelForm):
    """The photo goes through the articles' image checks (type, size, EXIF stripped, our name);
    the term order is checked by Commissioner.clean."""

    image_fields = ("photo",)

    class Meta:
        model = Commissioner
        fields = ["satker", "name", "photo", "position", "division", "term_start", "term_end", "bio"]
