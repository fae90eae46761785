from django import forms

from .models import web_url_validator


class WebURLField(forms.URLField):
    """A web address for a public link: http(s) only, with one Indonesian message for every
    refusal (`javascript:alert(1)`, `ftp://...`, `bukan alamat`). A bare host gets https://."""

    default_validators = [web_url_validator]
    default_error_messages = {"invalid": web_url_validator.message}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
