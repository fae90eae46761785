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
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.utils import timezone

from satker.directory_cache import GENERATION_KEY as EVERY_PAGE_TAG

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
        if not self.urls:
            # Pages would tell an edge to keep them for hours, and no change would ever purge it.
            raise ImproperlyConfigured("The Varnish purger needs KPU_EDGE_VARNISH_URLS.")

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
        """PURGE to one Varnish, in as many requests as the tags need; True when all answered 200."""
        parts = urllib.parse.urlsplit(url)
        conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = conn_class(parts.hostname, parts.port, timeout=self.timeout)
        try:
            for chunk in chunks(tags, settings.EDGE_TAGS_MAX_LENGTH):
                conn.request("PURGE", parts.path or "/", headers={PURGE_HEADER: chunk})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    logger.warning("edge purge to %s answered %s; kept to send again", url, response.status)
                    return False
        except (OSError, http.client.HTTPException) as error:
            logger.warning("edge purge to %s failed (%s); kept to send again", url, error)
            return False
        finally:
            conn.close()
        return True

    def deliver_pending(self):
        """Send the purges that wait; True when none is left. A tag that failed again meanwhile
        (a newer created_at) stays for the next round."""
        from .models import PendingPurge

        read_at = timezone.now()
        waiting = {}
        for target, tag in PendingPurge.objects.filter(target__in=self.urls).values_list("target", "tag"):
            waiting.setdefault(target, []).append(tag)
        for target, ok in self.send_everywhere(waiting):
            if ok:
                delivered = PendingPurge.objects.filter(target=target, tag__in=waiting[target])
                delivered.filter(created_at__lte=read_at).delete()
        return not PendingPurge.objects.filter(target__in=self.urls).exists()


def chunks(tags, limit):
    """Space-separated tag lists of at most `limit` characters (a header's value): a national
    change touches 555 tags, more than one header allows, and must not purge every page instead."""
    chunk = ""
    for tag in tags:
        if chunk and len(chunk) + 1 + len(tag) > limit:
            yield chunk
            chunk = ""
        chunk = f"{chunk} {tag}" if chunk else tag
    if chunk:
        yield chunk


def keep_pending(targets, tags):
    """Write down tags some Varnish did not take; too many for one means its cache is stale."""
    from .models import PendingPurge

    try:
        now = timezone.now()
        PendingPurge.objects.bulk_create(
            [PendingPurge(target=target, tag=tag, created_at=now) for target in targets for tag in tags],
            update_conflicts=True,
            unique_fields=["target", "tag"],
            update_fields=["created_at"],
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
        self.more = False  # a purge failed while the thread was finishing: it goes on

    def wake(self, purger):
        with self.lock:
            self.more = True
            if self.thread is not None and self.thread.is_alive() and self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self.run, args=(purger,), name="edge-purge-retry", daemon=True)
            self.thread.start()

    def run(self, purger):
        attempt = 0
        while True:
            time.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            with self.lock:
                self.more = False
            try:
                done = purger.deliver_pending()
            except DatabaseError:
                logger.warning("could not read the waiting edge purges; trying again")
                done = False
            finally:
                connection.close()  # this thread's own connection: not held through the sleep
            with self.lock:
                if done and not self.more:
                    self.thread = None
                    return
            attempt += 1


retrier = Retrier()
