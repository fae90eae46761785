from pathlib import Path

from django.core.management.base import BaseCommand

from news.importers.command import check_paths, finish, satker_option
from news.importers.report import ImportReport
from news.importers.store import ArticleWriter
from news.importers.text import text_items


class Command(BaseCommand):
    help = (
        "Import articles saved as plain text from the old satker sites (one article per file; "
        "folders are searched for *.txt). The satker comes from the dateline's host unless "
        "--satker is given. Idempotent: a second run updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="text files or folders")
        parser.add_argument("--satker", help="satker slug for every file, e.g. kota-kediri")
        parser.add_argument(
            "--year",
            type=int,
            help="year for dates written as (d/m) without one (default: the file's modification year)",
        )
        parser.add_argument("--encoding", help="file encoding when not UTF-8, e.g. cp1252")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, save nothing")
        parser.add_argument("--batch-size", type=int, default=500, help="articles per commit (default 500)")

    def handle(self, *, paths, satker, year, encoding, dry_run, batch_size, **options):
        satker = satker_option(satker)
        check_paths(paths)
        report = ImportReport(dry_run=dry_run)
        writer = ArticleWriter(report, dry_run=dry_run, batch_size=batch_size)
        items = text_items(paths, satker=satker, year=year, encoding=encoding)
        writer.write_all(items, progress=lambda r: self.stderr.write(r.progress()))
        finish(self, report)
