from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.importers.export import export_json, export_wxr
from news.importers.satker_lookup import UnknownSatker, satker_by_slug

EXPORTERS = {"json": export_json, "wxr": export_wxr}


class Command(BaseCommand):
    help = "Export one satker's articles as JSON or WordPress WXR (import_wordpress reads both back)."

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="satker slug, e.g. kota-kediri")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="json")
        parser.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")

    def handle(self, *, satker, format, output, **options):
        try:
            satker = satker_by_slug(satker)
        except UnknownSatker as exc:
            raise CommandError(str(exc)) from exc
        if output is None:
            count = EXPORTERS[format](satker, self.stdout)
        else:
            try:
                with open(output, "w", encoding="utf-8") as stream:
                    count = EXPORTERS[format](satker, stream)
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from exc
        self.stderr.write(f"Exported {count} articles of {satker.slug} as {format}.")
