"""The starter set of pages every satker gets: empty drafts with the standard titles, for the
satker's editors to fill in and publish."""

from django.db import transaction
from django.utils.text import slugify

# Public-service rules ask every office to publish its maklumat pelayanan (service standard).
STARTER_TITLES = [
    "Profil",
    "Visi dan Misi",
    "Tugas dan Kewenangan",
    "Struktur Organisasi",
    "Sekretariat",
    "Kontak",
    "Maklumat Pelayanan",
]


def starter_pages(page_model, satker_id, taken=()):
    """Unsaved drafts of the starter pages the satker lacks (by slug)."""
    return [
        page_model(satker_id=satker_id, title=title, slug=slugify(title), order=(n + 1) * 10, status="draft")
        for n, title in enumerate(STARTER_TITLES)
        if slugify(title) not in taken
    ]


@transaction.atomic
def create_starter_pages(page_model, satker_ids):
    """Give each satker the starter pages it lacks; idempotent. Returns how many were made.

    Takes the model so the data migration can pass its historical one."""
    slugs = [slugify(title) for title in STARTER_TITLES]
    taken = {}
    for satker_id, slug in page_model.objects.filter(satker_id__in=satker_ids, slug__in=slugs).values_list(
        "satker_id", "slug"
    ):
        taken.setdefault(satker_id, set()).add(slug)
    new = [page for pk in satker_ids for page in starter_pages(page_model, pk, taken.get(pk, set()))]
    page_model.objects.bulk_create(new)
    return len(new)
