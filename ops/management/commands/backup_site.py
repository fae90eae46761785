from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database (pg_dump) and the media folder into one new folder."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path("backups"), help="folder to write the backup under")

    def handle(self, *, output, **options):
        try:
            folder = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
