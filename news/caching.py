"""Cache headers: public pages may be kept by browsers and CDNs for a short while."""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_headers

PUBLIC_MAX_AGE = 60  # seconds: short, so a correction reaches readers within a minute


def public_page(view_class):
    """Mark a class-based public view cacheable (Cache-Control: public, max-age).

    ETag and 304 answers come from ConditionalGetMiddleware; Vary: Host because one
    deployment serves 553 satker sites at the same paths.
    """
    decorators = [cache_control(public=True, max_age=PUBLIC_MAX_AGE), vary_on_headers("Host")]
    return method_decorator(decorators, name="dispatch")(view_class)
