from django import forms

from .models import Stage


class StageForm(forms.ModelForm):
    """A stage row of an election; the date order is checked by Stage.clean."""

    class Meta:
        model = Stage
        fields = ["name", "start", "end", "description", "article", "document"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
