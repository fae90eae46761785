"""PDF attachments (announcements): only real PDFs, at most 20 MB."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf(upload):
    """Refuse anything that is not a PDF by name and by content, or is larger than 20 MB."""
    if not upload:
        return
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(_("Lampiran harus berkas PDF (.pdf)."), code="not_pdf")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Lampiran terlalu besar: paling besar 20 MB."), code="too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(_("Berkas ini bukan PDF yang sah."), code="not_pdf")
