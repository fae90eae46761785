"""The editor's image upload: CSRF-protected, staff only, validated, stored per satker and month.

Replaces django-ckeditor's own upload view, which is CSRF-exempt and stores every satker's files
together. CKEditor posts by XHR (`filebrowserUploadMethod: "xhr"`) with the X-CSRFToken header
that static/newsroom/editor.js adds, and reads the JSON answer.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from news.uploads import clean_image
from satker.models import Level, Satker
from satker.scoping import membership_of

logger = logging.getLogger(__name__)


def upload_folder(user):
    """'editor/<satker slug>/<yyyy>/<mm>': the user's own satker; KPU RI's for superadmins."""
    membership = membership_of(user)
    satker = membership.satker if membership else Satker.objects.filter(level=Level.PUSAT).first()
    return f"editor/{satker.slug}/{timezone.localdate():%Y/%m}"


def error(message, status=200):
    # CKEditor shows `error.message` only from a 200 answer; anything else reads as a network failure.
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@never_cache
@require_POST
def editor_upload(request):
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("news.add_article")):
        logger.warning("Refused editor upload by %s", user)
        return error(_("Anda tidak berhak mengunggah gambar."), status=403)
    if not user.is_superuser and membership_of(user) is None:
        return error(_("Akun Anda tidak terikat pada satker mana pun."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return error(_("Tidak ada berkas yang diunggah."), status=400)
    try:
        cleaned = clean_image(upload)
    except ValidationError as exc:
        logger.warning("Refused editor upload %r by %s: %s", upload.name, user, exc.messages[0])
        return error(exc.messages[0])
    name = default_storage.save(f"{upload_folder(user)}/{cleaned.name}", cleaned)
    return JsonResponse({"uploaded": 1, "fileName": name.rsplit("/", 1)[-1], "url": default_storage.url(name)})
