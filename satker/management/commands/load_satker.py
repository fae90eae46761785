from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from satker.directory import DATA_DIR, DirectoryError, build_directory, load_directory
from satker.service_defaults import fill_service_defaults, read_service_defaults


class Command(BaseCommand):
    help = (
        "Load the 553 KPU satker from data/ and fill empty PPID/JDIH links from data/kpu-services/ "
        "(idempotent: edits made in the admin survive)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", default=DATA_DIR, help="folder holding idn-area/, kpu-domains/ and kpu-services/"
        )

    def handle(self, *, data_dir, **options):
        try:
            rows = build_directory(data_dir)
            services = read_service_defaults(Path(data_dir) / "kpu-services" / "services.csv")
        except DirectoryError as exc:
            raise CommandError(f"{exc} Nothing was loaded.") from exc
        with transaction.atomic():
            created, updated = load_directory(rows)
            filled = fill_service_defaults(services)
        self.stdout.write(
            self.style.SUCCESS(f"{len(rows)} satker in the directory: {created} created, {updated} updated.")
        )
        self.stdout.write(filled.summary())
