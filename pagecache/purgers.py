"""Purge backends for the edge (EDGE_PURGER): the no-op default and Varnish with xkey.

A purge goes to every Varnish at once, in parallel, with a short timeout, after the change is
committed: the editor's save never waits longer than EDGE_PURGE_TIMEOUT and never fails because
of the edge. Tags a Varnish did not take are written down (PendingPurge) and sent again from a
background thread of this process, and by `manage.py purge_edge` from cron (a process that died
with purges still waiting); past EDGE_PENDING_MAX_TAGS for one Varnish, its whole cache is
declared stale instead.
"""

import http.client
import logging
import os
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection

from satker.directory_cache import GENERATION_KEY as EVERY_PAGE_TAG

from .edge import tags_value

logger = logging.getLogger(__name__)

PURGE_HEADER = "xkey-purge"  # deploy/varnish/default.vcl soft-purges the objects with these tags
RETRY_SECONDS = (1, 2, 5, 10, 30)  # then every 30 s while a Varnish stays away


class NoPurger:
    """No edge (the default): pages carry no edge headers, changes purge nothing."""

    enabled = False

    def purge(self, tags):
        pass


class VarnishPurger:
    enabled = True

    def __init__(self, urls=None, timeout=None):
        self.urls = list(urls if urls is not None else settings.EDGE_VARNISH_URLS)
        self.timeout = settings.EDGE_PURGE_TIMEOUT if timeout is None else timeout

    def purge(self, tags):
        """Purge on every Varnish; what one did not take is kept and retried."""
        tags = sorted(tags)
        failed = [url for url, ok in self.send_everywhere({url: tags for url in self.urls}) if not ok]
        if failed:
            keep_pending(failed, tags)
            retrier.wake(self)

    def send_everywhere(self, tags_by_url):
        if not tags_by_url:
            return []
        with ThreadPoolExecutor(max_workers=len(tags_by_url)) as pool:
            results = pool.map(lambda item: self.send(*item), tags_by_url.items())
            return list(zip(tags_by_url, results, strict=True))

    def send(self, url, tags):
        """One PURGE to one Varnish; True when it answered 200."""
        parts = urllib.parse.urlsplit(url)
        conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = conn_class(parts.hostname, parts.port, timeout=self.timeout)
        try:
            conn.request("PURGE", parts.path or "/", headers={PURGE_HEADER: tags_value(tags)})
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            logger.warning("edge purge to %s failed (%s); kept to send again", url, error)
            return False
        finally:
            conn.close()
        if response.status != 200:
            logger.warning("edge purge to %s answered %s; kept to send again", url, response.status)
        return response.status == 200

    def deliver_pending(self):
        """Send the purges that wait; True when none is left."""
        from .models import PendingPurge

        waiting = {}
        for target, tag in PendingPurge.objects.filter(target__in=self.urls).values_list("target", "tag"):
            waiting.setdefault(target, []).append(tag)
        for target, ok in self.send_everywhere(waiting):
            if ok:
                PendingPurge.objects.filter(target=target, tag__in=waiting[target]).delete()
        return not PendingPurge.objects.filter(target__in=self.urls).exists()


def keep_pending(targets, tags):
    """Write down tags some Varnish did not take; too many for one means its cache is stale."""
    from .models import PendingPurge

    try:
        PendingPurge.objects.bulk_create(
            [PendingPurge(target=target, tag=tag) for target in targets for tag in tags], ignore_conflicts=True
        )
        for target in targets:
            if PendingPurge.objects.filter(target=target).count() > settings.EDGE_PENDING_MAX_TAGS:
                PendingPurge.objects.filter(target=target).delete()
                PendingPurge.objects.create(target=target, tag=EVERY_PAGE_TAG)
    except DatabaseError:
        logger.exception("could not keep the edge purge of %s for %s", tags, targets)


class Retrier:
    """One background thread per process that sends waiting purges until none is left."""

    def __init__(self):
        self.lock = threading.Lock()
        self.thread = None
        self.pid = None

    def wake(self, purger):
        with self.lock:
            if self.thread is not None and self.thread.is_alive() and self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self.run, args=(purger,), name="edge-purge-retry", daemon=True)
            self.thread.start()

    def run(self, purger):
        attempt = 0
        stop = threading.Event()
        try:
            while not stop.wait(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]):
                close_old_connections()
                try:
                    if purger.deliver_pending():
                        return
                except DatabaseError:
                    logger.warning("could not read the waiting edge purges; trying again")
                attempt += 1
        finally:
            connection.close()  # this thread's own database connection


retrier = Retrier()
