"""Send the edge purges that are still waiting (cron, every minute, on one server), or purge
every page at the edge (`--everything`: after a release whose templates or static files changed)."""

from django.core.management.base import BaseCommand, CommandError

from pagecache import edge
from pagecache.models import PendingPurge
from satker.directory_cache import GENERATION_KEY as EVERY_PAGE_TAG


class Command(BaseCommand):
    help = "Send waiting edge purges, or purge every page at the edge with --everything."

    def add_arguments(self, parser):
        parser.add_argument("--everything", action="store_true", help="purge every page the edge keeps")

    def handle(self, *args, everything=False, **options):
        purger = edge.purger()
        if not purger.enabled:
            raise CommandError("No edge is configured (KPU_EDGE_VARNISH_URLS is empty).")
        if everything:
            purger.purge([EVERY_PAGE_TAG])
        delivered = purger.deliver_pending()
        waiting = PendingPurge.objects.count()
        self.stdout.write(f"Edge purges waiting: {waiting}." if not delivered else "No edge purge is waiting.")
        if not delivered:
            raise CommandError(f"{waiting} purges could not be delivered; they are kept and sent again.")
