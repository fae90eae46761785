"""The staff login's lock-out: by username and address together, for longer each time.

django-axes counts failed logins per (username, address) (settings: AXES_LOCKOUT_PARAMETERS), so
five wrong passwords from one place never lock the real editor out of their own office. Failures
within 30 minutes of each other add up; the fifth locks for 1 minute. The lock-out is then
remembered for a day: every further wrong password of that username from that address locks again
at once, for 5, 15, then 30 minutes each time. A right password signs in and forgets it all. A
guesser is slowed to one try per half hour; the editor, from anywhere else, is not slowed at all.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.conf import settings
from django.contrib.auth.forms import UsernameField
from django.db.models import Q, Sum
from django.shortcuts import render
from django.utils import timezone

WINDOW = timedelta(minutes=30)  # failures this close together add up to a lock-out
MEMORY = timedelta(days=1)  # how long a lock-out makes the next wrong password lock again, longer
COOLOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=30))


def login_username(request):
    """The username as the login form cleans it (stripped, NFKC), which is what axes records."""
    return UsernameField().to_python(request.POST.get(settings.AXES_USERNAME_FORM_FIELD))


def failures(request):
    """Failed logins of this username from this address that axes still keeps."""
    if request is None or request.method != "POST":
        return 0
    attempts = AccessAttempt.objects.filter(
        Q(expiration=None) | Q(expiration__expires_at__gt=timezone.now()),
        username=login_username(request),
        ip_address=getattr(request, "axes_ip_address", None),
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def cool_off(request):
    """axes' AXES_COOLOFF_TIME: how long failures count and, once locked, how long the lock lasts.

    Axes calls it both to find the failures that still count and to date a record's expiry, so
    it must give the same answer throughout one lock-out: it depends only on the stored count.
    """
    over = failures(request) - settings.AXES_FAILURE_LIMIT
    if over < 0:
        return WINDOW
    return COOLOFF[min(over, len(COOLOFF) - 1)]


def lockout_response(request, original_response=None, credentials=None):
    """The Indonesian lock-out page (axes' AXES_LOCKOUT_CALLABLE), saying for how many minutes."""
    minutes = int(cool_off(request).total_seconds() // 60)
    return render(request, "newsroom/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler (AXES_HANDLER), keeping a locked-out record for a day.

    Axes lets a record expire one cool-off after its last failure; at the longest cool-off the
    record, and with it the count of lock-outs, would vanish as the lock-out ends, and the guesser
    would get five fresh tries. A day's expiry keeps the count; the lock itself still ends after
    its cool-off, since axes counts only failures younger than that.
    """

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and request.axes_locked_out:
            AccessAttemptExpiration.objects.filter(
                access_attempt__username=get_client_username(request, credentials),
                access_attempt__ip_address=request.axes_ip_address,
            ).update(expires_at=timezone.now() + MEMORY)
