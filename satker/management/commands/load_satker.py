from django.core.management.base import BaseCommand, CommandError

from satker.directory import DATA_DIR, DirectoryError, build_directory, load_directory


class Command(BaseCommand):
    help = "Load the 553 KPU satker from data/ (idempotent: edits made in the admin survive)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=DATA_DIR, help="folder holding idn-area/ and kpu-domains/")

    def handle(self, *, data_dir, **options):
        try:
            rows = build_directory(data_dir)
        except DirectoryError as exc:
            raise CommandError(f"{exc} Nothing was loaded.") from exc
        created, updated = load_directory(rows)
        self.stdout.write(
            self.style.SUCCESS(f"{len(rows)} satker in the directory: {created} created, {updated} updated.")
        )
