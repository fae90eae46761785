from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.importers.command import finish, satker_option
from news.importers.portable import json_items
from news.importers.report import ImportReport
from news.importers.store import ArticleWriter
from news.importers.taxonomy import DivisionMapError, read_division_map
from news.importers.wordpress import wxr_items


class Command(BaseCommand):
    help = (
        "Import WordPress WXR exports into one satker (posts become articles; pages, attachments, "
        "menus and revisions are skipped). Also reads this portal's own exports (WXR, or JSON by "
        "the .json extension). Idempotent: a second run updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="EXPORT", help="WXR .xml (or portal .json) files")
        parser.add_argument("--satker", help="satker slug, e.g. kota-kediri (default: the satker of the export's site)")
        parser.add_argument("--media-dir", type=Path, help="a copy of wp-content/uploads (or of the portal's media)")
        parser.add_argument("--division-map", type=Path, help="CSV of 'category,division' for unlike names")
        parser.add_argument("--allow-missing-media", action="store_true", help="import articles whose images are gone")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, save nothing")
        parser.add_argument("--batch-size", type=int, default=500, help="articles per commit (default 500)")

    def handle(self, *, paths, satker, media_dir, division_map, dry_run, **options):
        satker = satker_option(satker)
        try:
            mapping = read_division_map(division_map) if division_map else {}
        except DivisionMapError as exc:
            raise CommandError(str(exc)) from exc
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder")
        report = ImportReport(dry_run=dry_run)
        writer = ArticleWriter(
            report,
            dry_run=dry_run,
            division_map=mapping,
            allow_missing_media=options["allow_missing_media"],
            batch_size=options["batch_size"],
        )
        for path in paths:
            items = json_items if path.suffix.lower() == ".json" else wxr_items
            self.stderr.write(f"Reading {path}")
            writer.write_all(items(path, satker=satker, media_root=media_dir), progress=self.progress)
        finish(self, report)

    def progress(self, report):
        self.stderr.write(report.progress())
