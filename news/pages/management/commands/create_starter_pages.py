from django.core.management.base import BaseCommand, CommandError

from news.pages.models import Page
from news.pages.starter import STARTER_TITLES, create_starter_pages
from satker.models import Satker


class Command(BaseCommand):
    help = (
        "Give every satker (or those named) the starter pages it lacks, as empty drafts: "
        f"{', '.join(STARTER_TITLES)}. Idempotent: pages that exist (by slug) are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--satker", action="append", default=[], help="satker slug; repeat for several")

    def handle(self, *, satker, **options):
        units = Satker.objects.all()
        if satker:
            units = units.filter(slug__in=satker)
            unknown = set(satker) - set(units.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"Unknown satker slug(s): {', '.join(sorted(unknown))}")
        made = create_starter_pages(Page, list(units.values_list("pk", flat=True)))
        self.stdout.write(self.style.SUCCESS(f"{made} starter pages created."))
