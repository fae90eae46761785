from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup_site folder into the (empty) database of DATABASE_URL and the (empty) "
        "MEDIA_ROOT. Refuses to write over existing data."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder written by backup_site")

    def handle(self, *, folder, **options):
        try:
            files = restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored the database and {files} media files from {folder}"))
