"""Demo content for a new checkout: about 200 articles over 24 satker in WIB, WITA and WIT.

All text is written for this project; images are drawn with Pillow. Running it again updates
the same rows (keyed by satker and slug) instead of adding new ones.
"""

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from satker.accounts import create_satker_user
from satker.models import Role, Satker
from viewcount.models import DailyViews

from .commissioners.demo import seed_commissioners
from .elections.demo import seed_elections
from .models import Article, Division, Status
from .pages.demo import seed_pages

DEMO_PASSWORD = "demo-kpu-2024"
DEMO_ACCOUNTS = [
    ("editor-kediri", "kota-kediri", Role.EDITOR),
    ("penulis-kediri", "kota-kediri", Role.WRITER),
    ("admin-jatim", "prov-jawa-timur", Role.ADMIN),
    ("editor-papua", "prov-papua", Role.EDITOR),
]
DEMO_SATKER = [
    "ri", "prov-jawa-timur", "kota-kediri", "kab-kediri", "kota-surabaya", "kab-malang",
    "prov-aceh", "kab-aceh-besar", "prov-jawa-barat", "kota-bandung", "kab-bogor",
    "prov-kalimantan-utara", "kota-tarakan", "kab-bulungan", "prov-sulawesi-selatan",
    "kota-makassar", "kab-gowa", "prov-bali", "kota-denpasar",
    "prov-papua", "kota-jayapura", "kab-jayapura", "prov-maluku", "kota-ambon",
]  # fmt: skip
ARTICLES_PER_SATKER = 8

# (title, divisions by position, tags, paragraphs). {place} is the satker's region name.
STORIES = [
    (
        "Rapat Pleno Terbuka Rekapitulasi Daftar Pemilih di {place}",
        [1, 4],
        ["daftar pemilih", "pleno"],
        [
            "Rapat pleno terbuka membahas rekapitulasi daftar pemilih hasil pemutakhiran tingkat "
            "kecamatan. Seluruh PPK hadir dan menyampaikan catatan dari lapangan.",
            "Ketua menegaskan bahwa data yang akurat adalah dasar pemilu yang jujur dan adil. "
            "Masukan dari pengawas pemilu dan perwakilan partai politik dicatat dalam berita acara.",
            "Masyarakat dapat memeriksa namanya di daftar pemilih melalui layanan cek DPT daring "
            "atau datang langsung ke kantor PPS di desa dan kelurahan.",
        ],
    ),
    (
        "Bimbingan Teknis PPK dan PPS Menjelang Pemungutan Suara di {place}",
        [1, 5],
        ["bimtek", "ppk", "pps"],
        [
            "Bimbingan teknis diikuti anggota PPK dan PPS dari seluruh kecamatan. Materi meliputi "
            "tata cara pemungutan dan penghitungan suara serta pengisian formulir.",
            "Peserta berlatih mengisi formulir hasil penghitungan dengan contoh kasus yang sering "
            "terjadi di TPS, termasuk pemilih pindahan dan surat suara rusak.",
            "Kegiatan ditutup dengan tanya jawab dan pembagian modul untuk diteruskan kepada KPPS.",
        ],
    ),
    (
        "Sosialisasi Pendidikan Pemilih untuk Pemilih Pemula di {place}",
        [3],
        ["pendidikan pemilih", "pemilih pemula"],
        [
            "Ratusan pelajar SMA mengikuti sosialisasi tentang hak pilih, cara mencoblos, dan "
            "pentingnya menolak politik uang.",
            "Narasumber mengajak pelajar menjadi agen informasi yang meluruskan kabar bohong "
            "seputar pemilu di media sosial dan grup percakapan keluarga.",
            "Di akhir acara, peserta mencoba simulasi pencoblosan dengan bilik dan kotak suara.",
        ],
    ),
    (
        "Simulasi Pemungutan dan Penghitungan Suara di TPS Percontohan {place}",
        [1, 3],
        ["simulasi", "tps"],
        [
            "Simulasi digelar di TPS percontohan dengan melibatkan warga sebagai pemilih. "
            "Petugas KPPS memperagakan setiap tahap sesuai aturan.",
            "Waktu yang dibutuhkan setiap pemilih dicatat untuk menghitung kebutuhan bilik suara "
            "dan menata alur antrean agar ramah bagi lansia dan penyandang disabilitas.",
            "Hasil evaluasi akan menjadi bahan perbaikan bimbingan teknis berikutnya.",
        ],
    ),
    (
        "Rapat Koordinasi Persiapan Logistik Pemilu di {place}",
        [1, 6],
        ["logistik", "rakor"],
        [
            "Rapat koordinasi membahas jadwal distribusi logistik dari gudang ke kecamatan, "
            "termasuk daerah yang sulit dijangkau.",
            "Pemerintah daerah dan aparat keamanan menyatakan siap membantu pengamanan gudang dan perjalanan logistik.",
            "Setiap kotak suara diperiksa dan disegel di hadapan pengawas sebelum dikirim.",
        ],
    ),
    (
        "Pelantikan Anggota Panitia Pemungutan Suara di {place}",
        [5, 1],
        ["pelantikan", "pps", "badan adhoc"],
        [
            "Anggota PPS yang lulus seleksi mengucapkan sumpah janji di hadapan pimpinan KPU. "
            "Mereka akan bertugas hingga seluruh tahapan selesai.",
            "Pimpinan mengingatkan pentingnya integritas, netralitas, dan pelayanan yang ramah kepada pemilih.",
            "Usai pelantikan, anggota PPS langsung menerima pembekalan tentang kode etik.",
        ],
    ),
    (
        "Layanan Informasi Publik Pemilu Dibuka Setiap Hari Kerja di {place}",
        [4, 6],
        ["ppid", "informasi publik"],
        [
            "Masyarakat dapat meminta salinan informasi publik terkait tahapan pemilu melalui "
            "meja layanan maupun surel resmi.",
            "Petugas menjelaskan jenis informasi yang tersedia setiap saat dan cara mengajukan "
            "keberatan bila permintaan tidak ditanggapi.",
            "Layanan ini merupakan bagian dari keterbukaan informasi badan publik.",
        ],
    ),
    (
        "Evaluasi Penanganan Pelanggaran Kode Etik Badan Ad Hoc di {place}",
        [2],
        ["kode etik", "badan adhoc"],
        [
            "Rapat evaluasi meninjau laporan dugaan pelanggaran kode etik oleh anggota badan "
            "ad hoc selama tahapan berlangsung.",
            "Setiap laporan ditangani sesuai prosedur, dengan memberi kesempatan kepada "
            "terlapor untuk memberikan klarifikasi.",
            "Hasil evaluasi dijadikan bahan pembinaan agar pelanggaran serupa tidak terulang.",
        ],
    ),
]
EDITOR_INITIALS = ["Asa", "Rin", "Dwi", "Yus", "Nur"]
COLOURS = [(163, 20, 28), (26, 95, 180), (38, 120, 70), (120, 60, 140), (200, 110, 20), (60, 60, 70)]


def place_name(satker):
    for prefix in ("KPU Provinsi ", "KIP Kabupaten ", "KIP Kota ", "KPU Kabupaten ", "KPU Kota ", "KIP "):
        if satker.name.startswith(prefix):
            return satker.name.removeprefix(prefix)
    return "Jakarta"


def draw_image(number):
    """A 1200x675 JPEG: a ballot box on a coloured ground, so demo cards have real pictures."""
    colour = COLOURS[number % len(COLOURS)]
    image = Image.new("RGB", (1200, 675), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, 675, 15):
        shade = tuple(min(255, c + step // 12) for c in colour)
        draw.rectangle([0, step, 1200, step + 15], fill=shade)
    draw.rectangle([430, 250, 770, 560], fill=(245, 245, 245), outline=(30, 30, 30), width=6)
    draw.rectangle([540, 280, 660, 300], fill=(30, 30, 30))
    draw.polygon([(560, 120), (640, 120), (650, 290), (550, 290)], fill=(255, 255, 255), outline=(30, 30, 30))
    draw.text((470, 480), f"KPU  {number + 1:02d}", fill=(30, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def demo_images(count=6):
    names = []
    for number in range(count):
        name = f"demo/foto-{number + 1:02d}.jpg"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(draw_image(number)))
        names.append(name)
    return names


def seed_accounts():
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.invalid", DEMO_PASSWORD)
    for username, slug, role in DEMO_ACCOUNTS:
        create_satker_user(username, Satker.objects.get(slug=slug), role, DEMO_PASSWORD)
    return ["admin"] + [username for username, _slug, _role in DEMO_ACCOUNTS]


@transaction.atomic
def seed_demo():
    """Create or refresh the demo content. Returns (articles, accounts)."""
    rng = random.Random(2024)
    now = timezone.now()
    divisions = list(Division.objects.order_by("position"))
    images = demo_images()
    accounts = seed_accounts()
    count = 0
    for satker_number, satker in enumerate(Satker.objects.filter(slug__in=DEMO_SATKER).order_by("region_code")):
        place = place_name(satker)
        for number in range(ARTICLES_PER_SATKER):
            story = STORIES[(satker_number + number) % len(STORIES)]
            title_template, division_positions, tags, paragraphs = story
            title = title_template.format(place=place)
            if number >= len(STORIES) // 2:
                title = f"{title} (Tahap {number + 1})"
            status, published_at = Status.PUBLISHED, now - timedelta(hours=rng.randint(1, 24 * 90))
            if number == ARTICLES_PER_SATKER - 1 and satker_number % 4 == 0:
                status, published_at = Status.DRAFT, None
            elif number == ARTICLES_PER_SATKER - 2 and satker_number % 5 == 0:
                published_at = now + timedelta(days=2)
            article = Article.objects.filter(satker=satker, title=title).first() or Article(satker=satker)
            article.title = title
            article.kind = "pengumuman" if number == 5 else "berita"
            article.dateline = place
            article.lead = paragraphs[0]
            article.body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
            article.status = status
            article.published_at = article.published_at or published_at
            article.featured_image = images[(satker_number + number) % len(images)]
            article.featured_image_alt = f"Ilustrasi kotak suara untuk berita {place}"
            article.featured_image_caption = f"Dokumentasi {satker.name}"
            article.editor_credit = f"Ed: {EDITOR_INITIALS[number % len(EDITOR_INITIALS)]}"
            article.view_count = article.view_count or rng.randint(20, 2500)
            article.share_down = satker.has_units_below and number < 2
            article.save()
            article.divisions.set([divisions[p - 1] for p in division_positions if p <= len(divisions)])
            article.tags.set(tags + ["pemilu 2024"])
            seed_daily_views(article, rng)
            count += 1
    seed_commissioners()  # the Komisioner pages
    seed_elections()  # the Tahapan page and its calendar
    seed_pages()  # the "Tentang Kami" menu
    return count, accounts


def seed_daily_views(article, rng, days=14):
    """A fortnight of daily views for published articles, so Terpopuler and charts have data."""
    if not article.is_public():
        return
    today = timezone.localdate()
    for offset in range(days):
        DailyViews.objects.update_or_create(
            article=article, date=today - timedelta(days=offset), defaults={"views": rng.randint(0, 120)}
        )
