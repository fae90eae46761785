from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from viewcount.flush import flush_pending
from viewcount.store import delete_expired_recent_views


class Command(BaseCommand):
    help = (
        "Write the view counts batched in Redis to the database now, and forget visitors whose "
        "window has passed (the site also does both by itself)."
    )

    def handle(self, **options):
        if not settings.REDIS_URL:
            forgotten = delete_expired_recent_views()
            self.stdout.write(
                f"REDIS_URL is not set: views are written to the database directly, nothing to flush. "
                f"Forgot {forgotten} visitors whose window has passed."
            )
            return
        try:
            result = flush_pending()
        except Exception as exc:
            raise CommandError(f"Flush failed, the batch stays in Redis for the next flush: {exc}") from exc
        if result.locked:
            raise CommandError("Another flush is running; try again in a minute.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Flushed {result.views} views to the database "
                f"({result.dropped} dropped: not public, or already counted)."
            )
        )
