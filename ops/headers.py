"""Security headers that Django's SecurityMiddleware does not set.

Content-Security-Policy (django-csp): the strict policy in settings.CONTENT_SECURITY_POLICY holds
for every page; the staff-only areas below are relaxed just enough for Django's admin and
CKEditor 4, which set inline styles (and Swagger UI, which does too). Permissions-Policy turns off
the browser features no page of the portal uses, for embedded frames as well.
"""

import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

# CKEditor 4 and Swagger UI write style attributes and <style> elements; CKEditor previews
# pasted and uploaded images from blob: URLs.
STAFF_PREFIXES = ("/admin/", "/ckeditor/", "/api/v1/docs/")
STAFF_UPDATE = {"style-src": [UNSAFE_INLINE], "img-src": ["blob:"]}
# CKEditor 4's toolbar and dialogs are built with inline handlers (onclick="CKEDITOR.tools.
# callFunction(n)") whose numbers change per page, so no hash or nonce can allow them: inline
# script is allowed on the article form alone (add and change, where CKEditor runs), a staff-only
# page whose stored HTML the server sanitizes (news/sanitize.py). Every other article page (the
# list, preview, revisions, compare, statistics, history, delete) shows stored text without the
# editor and runs under the staff policy. Moving to a supported editor removes this
# (docs/security.md).
EDITOR_PATHS = re.compile(r"/admin/news/article/(add|[0-9]+/change)/")
EDITOR_UPDATE = {**STAFF_UPDATE, "script-src": [UNSAFE_INLINE]}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    ]
)  # fmt: skip


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.update is None and EDITOR_PATHS.fullmatch(request.path_info):
            parts.update = EDITOR_UPDATE
        elif parts.update is None and request.path_info.startswith(STAFF_PREFIXES):
            parts.update = STAFF_UPDATE
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
