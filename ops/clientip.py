"""The reader's IP address: one rule for the login lock-out, the audit trail, the view counter and
the API rate limit.

Behind nginx, REMOTE_ADDR is the proxy's address, the same for everyone. KPU_CLIENT_IP_HEADER
names the `request.META` key the proxy fills with the reader's own (HTTP_X_REAL_IP for
`proxy_set_header X-Real-IP $remote_addr;`, docs/deployment.md). Only a header the proxy sets
itself can be trusted: anyone can send an X-Forwarded-For of their choosing.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address as a normalised string, or None when there is none to trust.

    Reads KPU_CLIENT_IP_HEADER (REMOTE_ADDR when the request came without it, e.g. straight to an
    app server). Of a comma-separated list the last address counts: the one the nearest proxy
    added, never one the client sent. Anything that is not an IP address gives None.
    """
    if request is None:
        return None
    meta = request.META
    value = meta.get(settings.KPU_CLIENT_IP_HEADER) or meta.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(str(value).rsplit(",", 1)[-1].strip()))
    except ValueError:
        return None
