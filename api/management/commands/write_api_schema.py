from django.core.management.base import BaseCommand

from api import schema


class Command(BaseCommand):
    help = "Regenerate api/openapi.json from the API's code (run after changing the API; commit the file)."

    def handle(self, **options):
        path = schema.write()
        self.stdout.write(f"Wrote {path}")
