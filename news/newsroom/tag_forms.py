"""What a tag's name may be: the article form's tag field and the tag admin's form both check it.

A tag's name is a heading (#name) on the tag page of every site that lists one of its articles,
and its slug is that page's address, so a name gets a title's checks: whitespace tidied, no
control or invisible formatting characters (they hide or reorder text), no markup, a length
that fits a heading, and a slug a <slug:> path can carry.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from news.models import Tag

TAG_NAME_MAX_LENGTH = 50
ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Cc: control characters; Cf: invisible formatting (zero-width, right-to-left override, ...).
HIDDEN_CATEGORIES = {"Cc", "Cf"}
MARKUP = re.compile(r"[<>]")


def tidy_tag_name(name):
    """`name` with its whitespace stripped and each run inside it (tabs, newlines) one space."""
    return " ".join(name.split())


def shown(name):
    """The name as an error message quotes it: hidden characters visible, long names cut."""
    visible = "".join("\N{REPLACEMENT CHARACTER}" if unicodedata.category(c) in HIDDEN_CATEGORIES else c for c in name)
    return Truncator(visible).chars(TAG_NAME_MAX_LENGTH + 10)


def tag_name_error(name):
    """The ValidationError for a tidied tag name, or None when the name may be used."""
    params = {"tag": shown(name), "max": TAG_NAME_MAX_LENGTH}
    if any(unicodedata.category(c) in HIDDEN_CATEGORIES for c in name):
        message, code = _("Tag “%(tag)s” memuat karakter kendali atau tak terlihat; hapus karakter itu."), "tag_control"
    elif MARKUP.search(name):
        message, code = _("Tag “%(tag)s” tidak boleh memuat tanda < atau >."), "tag_markup"
    elif len(name) > TAG_NAME_MAX_LENGTH:
        message, code = _("Tag “%(tag)s” terlalu panjang: paling banyak %(max)s karakter."), "tag_length"
    elif not ASCII_SLUG.fullmatch(slugify(name, allow_unicode=True)):
        # taggit makes the slug (keeping accented letters); one of only symbols is empty, and
        # either would break the tag's link (a <slug:> path) and with it the article page.
        message, code = _("Tag “%(tag)s” harus memuat huruf latin tanpa aksen atau angka."), "tag_slug"
    else:
        return None
    return ValidationError(message, code=code, params=params)


def clean_tag_names(names, kept=()):
    """Tidy and check tag names as the article form's tag field gives them (a list); raise one
    error per bad name. Names in `kept` (the article's tags as stored) pass as they are, so an
    article with an older, longer tag can still be saved."""
    kept = {name.casefold() for name in kept}
    cleaned, errors = [], []
    for name in names:
        tidy = name if name.casefold() in kept else tidy_tag_name(name)
        error = None if tidy.casefold() in kept else tag_name_error(tidy)
        if error:
            errors.append(error)
        elif tidy.casefold() not in {done.casefold() for done in cleaned}:
            cleaned.append(tidy)
    if errors:
        raise ValidationError(errors)
    return cleaned


class TagForm(forms.ModelForm):
    """The tag admin's add and change form: the name checked as in the article form, the slug
    one a tag page's address can carry."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = tidy_tag_name(self.cleaned_data["name"])
        error = tag_name_error(name)
        if error:
            raise error
        # Names match without case (TAGGIT_CASE_INSENSITIVE): "Pemilu" next to "pemilu" would be
        # a second tag that the article form never picks.
        if Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Tag “%(tag)s” sudah ada."), code="tag_exists", params={"tag": name})
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not ASCII_SLUG.fullmatch(slug):
            raise ValidationError(
                _("Slug hanya boleh memuat huruf latin tanpa aksen, angka, tanda hubung dan garis bawah."),
                code="tag_slug",
            )
        return slug
