"""The newsroom's own 403 and 404 pages: styled as the rest of /admin/, in Indonesian, with a way
back, instead of Django's bare "403 Forbidden". Pages outside the newsroom keep the site's own."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults


def in_newsroom(request):
    user = getattr(request, "user", None)
    return request.path.startswith(reverse("admin:index")) and user is not None and user.is_active and user.is_staff


def way_back(request):
    """The page the editor came from, when it is on this site; else "" (the page always links the
    article list and the newsroom's home)."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""


def error_page(request, template, status, title, reason=""):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "reason": reason,
        "back_url": way_back(request),
    }
    response = TemplateResponse(request, template, context, status=status)
    return response.render()


def permission_denied(request, exception):
    if not in_newsroom(request):
        return defaults.permission_denied(request, exception)
    # Our own refusals carry an Indonesian reason (news/newsroom/workflow.py); Django's carry none.
    reason = exception.args[0] if exception and exception.args and isinstance(exception.args[0], str) else ""
    return error_page(request, "admin/403.html", 403, _("Akses ditolak"), reason)


def page_not_found(request, exception):
    if not in_newsroom(request):
        return defaults.page_not_found(request, exception)
    return error_page(request, "admin/404.html", 404, _("Halaman tidak ditemukan"))
