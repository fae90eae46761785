from django.core.management.base import BaseCommand, CommandError

from news.demo import DEMO_PASSWORD, seed_demo
from satker.models import Satker


class Command(BaseCommand):
    help = "Create or refresh about 200 demo articles and the demo accounts (idempotent)."

    def handle(self, **options):
        if Satker.objects.count() < 553:
            raise CommandError("The satker directory is not loaded: run `python manage.py load_satker` first.")
        articles, accounts = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"{articles} demo articles ready."))
        self.stdout.write(f"Demo logins at /admin/ (password {DEMO_PASSWORD}): {', '.join(accounts)}")
