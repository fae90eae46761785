from pathlib import Path

from django.core.management.base import BaseCommand

from news.importers.command import check_paths, finish, satker_option
from news.importers.report import ImportReport
from news.importers.saved_pages import html_items
from news.importers.static_page import StaticPages
from news.importers.store import ArticleWriter


class Command(BaseCommand):
    help = (
        "Import article pages saved as HTML from the central KPU platform (one article per page; "
        "folders are searched for *.html). The satker comes from the page's old address "
        "(canonical link, og:url or a sidecar) unless --satker is given; the old address is "
        "recorded so it redirects to the new article. A static page of the platform (/page/read/...) "
        "becomes a page (Halaman) with its old address. Idempotent: a second run updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".html files or folders of them")
        parser.add_argument("--satker", help="satker slug for every page, e.g. kota-kediri")
        parser.add_argument("--encoding", help="page encoding when neither declared nor UTF-8, e.g. cp1252")
        parser.add_argument("--allow-missing-media", action="store_true", help="import pages whose images are refused")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, save nothing")
        parser.add_argument("--batch-size", type=int, default=500, help="articles per commit (default 500)")

    def handle(self, *, paths, satker, encoding, dry_run, **options):
        satker = satker_option(satker)
        check_paths(paths)
        report = ImportReport(dry_run=dry_run)
        writer = ArticleWriter(
            report,
            dry_run=dry_run,
            allow_missing_media=options["allow_missing_media"],
            batch_size=options["batch_size"],
        )
        static_pages = StaticPages(report)  # the platform's static pages become pages (Halaman)
        items = html_items(paths, satker=satker, encoding=encoding, static_pages=static_pages)
        writer.write_all(items, progress=lambda r: self.stderr.write(r.progress()))
        finish(self, report)
