"""WSGI entry point: gunicorn kpuportal.wsgi."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpuportal.settings")

django_application = get_wsgi_application()

from pagecache.frontcache import FrontCache  # noqa: E402  (needs the settings loaded above)

# Public pages the page cache holds are answered from memory before Django runs.
application = FrontCache(django_application)
