from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from news.demo import DEMO_PASSWORD, seed_demo
from satker.models import Satker


class Command(BaseCommand):
    help = "Create or refresh about 200 demo articles and the demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DJANGO_DEBUG off (it creates superuser 'admin' with the public demo password)",
        )

    def handle(self, *, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates the superuser 'admin' with the published demo password "
                f"({DEMO_PASSWORD}), so it refuses to run with DJANGO_DEBUG off. Run it on a "
                "development or demo machine (DJANGO_DEBUG=1), or give --force on a demo server "
                "that nobody else can reach."
            )
        if Satker.objects.count() < 553:
            raise CommandError("The satker directory is not loaded: run `python manage.py load_satker` first.")
        articles, accounts = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"{articles} demo articles ready."))
        self.stdout.write(f"Demo logins at /admin/ (password {DEMO_PASSWORD}): {', '.join(accounts)}")
