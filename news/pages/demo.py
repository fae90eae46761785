"""Demo pages for `seed_demo`: a few of the starter pages filled in and published, one of them
with a child, and one national page that every site shows, so the "Tentang Kami" menu has
something in it on a fresh install. The text is made up."""

from news.models import Status
from satker.models import Satker

from .models import Page
from .starter import create_starter_pages

DEMO_SATKER = ["ri", "prov-jawa-timur", "kota-kediri", "prov-papua"]
FILLED = {
    "profil": "<p>{name} adalah penyelenggara pemilu di wilayahnya, bersifat nasional, tetap dan mandiri.</p>",
    "visi-dan-misi": (
        "<p><strong>Visi:</strong> menjadi penyelenggara pemilu yang mandiri, profesional dan berintegritas.</p>"
        "<ul><li>Menyelenggarakan pemilu yang jujur dan adil.</li>"
        "<li>Meningkatkan partisipasi dan pendidikan pemilih.</li></ul>"
    ),
    "struktur-organisasi": "<p>Ketua dan anggota {name} dibantu oleh Sekretariat.</p>",
    "kontak": "<p>Layanan informasi dibuka Senin sampai Jumat, pukul 08.00 sampai 16.00.</p>",
    "maklumat-pelayanan": (
        "<p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
        "yang telah ditetapkan.</p>"
    ),
}
CHILD_OF = {"visi-dan-misi": "profil", "struktur-organisasi": "profil"}
NATIONAL = ("kebijakan-privasi", "Kebijakan Privasi", "<p>Situs ini tidak memasang kuki pelacak pihak ketiga.</p>")


def seed_pages():
    """Idempotent: fills and publishes the demo satker's pages, and KPU RI's national page."""
    satker_list = list(Satker.objects.filter(slug__in=DEMO_SATKER))
    create_starter_pages(Page, [satker.pk for satker in satker_list])
    for satker in satker_list:
        pages = {page.slug: page for page in Page.objects.filter(satker=satker, slug__in=FILLED)}
        for slug, body in FILLED.items():
            page = pages[slug]
            page.body = body.format(name=satker.name)
            page.status = Status.PUBLISHED
            page.parent = pages.get(CHILD_OF.get(slug))
            page.save()
    ri = next((satker for satker in satker_list if satker.slug == "ri"), None)
    if ri is not None:
        slug, title, body = NATIONAL
        Page.objects.update_or_create(
            satker=ri,
            slug=slug,
            defaults={"title": title, "body": body, "status": Status.PUBLISHED, "for_all_sites": True, "order": 90},
        )
