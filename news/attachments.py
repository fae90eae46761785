"""PDF attachments (announcements): only real PDFs, at most 20 MB, stored under a name of ours."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .uploads import safe_name

MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf(upload):
    """Refuse anything that is not a PDF by name and by content (`%PDF-`), or is larger than 20 MB.

    A new upload (not stored yet) passing the checks gets its stored name here:
    '<slug of the name sent>.pdf' (the `upload_to` of the field adds satker and month), so no
    name sent reaches the disk."""
    if not upload:
        return
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(_("Lampiran harus berkas PDF (.pdf)."), code="not_pdf")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Lampiran terlalu besar: paling besar 20 MB."), code="too_large")
    if not is_pdf(upload):
        raise ValidationError(_("Berkas ini bukan PDF yang sah."), code="not_pdf")
    if getattr(upload, "_committed", True) is False:  # a FieldFile holding a new upload
        upload.name = pdf_name(upload.name)


def is_pdf(upload):
    """Whether the content starts with the PDF header, whatever the name."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    return head == PDF_MAGIC


def pdf_name(name):
    return safe_name(name.rsplit("/", 1)[-1], "pdf", fallback="lampiran")
