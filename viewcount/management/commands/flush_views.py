from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from viewcount.flush import flush_pending


class Command(BaseCommand):
    help = "Write the view counts batched in Redis to the database now (the site also does it by itself)."

    def handle(self, **options):
        if not settings.REDIS_URL:
            self.stdout.write("REDIS_URL is not set: views are written to the database directly, nothing to flush.")
            return
        try:
            result = flush_pending()
        except Exception as exc:
            raise CommandError(f"Flush failed, the batch stays in Redis for the next flush: {exc}") from exc
        if result.locked:
            raise CommandError("Another flush is running; try again in a minute.")
        self.stdout.write(
            self.style.SUCCESS(f"Flushed {result.views} views to the database ({result.dropped} dropped: not public).")
        )
