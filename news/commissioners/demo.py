"""Demo commissioners for `seed_demo`: a current and an earlier board for a few satker. The
names are made up; the portraits are drawn with Pillow."""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from news.models import Division
from satker.models import Satker

from .models import Commissioner, Position

BOARD_SATKER = ["ri", "prov-jawa-timur", "kota-kediri", "prov-papua"]
CURRENT_TERM = (date(2023, 10, 24), date(2028, 10, 24))
EARLIER_TERM = (date(2018, 10, 24), date(2023, 10, 23))
# (name, position, division position or None)
CURRENT_BOARD = [
    ("Ratna Dewi Kusumawati, S.H., M.H.", Position.CHAIR, 3),
    ("Drs. Bambang Setiyono", Position.MEMBER, 1),
    ("Nur Aini Rahmawati, S.Sos.", Position.MEMBER, 2),
    ("Yusuf Hidayatullah, S.IP.", Position.MEMBER, 4),
    ("Maria Fransiska Wenda, S.E.", Position.MEMBER, 5),
    ("Ir. Agus Priyanto, M.Si.", Position.SECRETARY, 6),
]
EARLIER_BOARD = [
    ("Dr. Hendra Saputra", Position.CHAIR, 3),
    ("Siti Marlina, S.Pd.", Position.MEMBER, 1),
    ("Fajar Nugroho, S.Kom.", Position.MEMBER, 2),
    ("Lukas Rumbiak, S.H.", Position.MEMBER, 4),
    ("Indah Permatasari, M.A.", Position.MEMBER, 5),
]
BIO = (
    "Sebelum bergabung dengan KPU, aktif sebagai pengajar dan pemantau pemilu. "
    "Menjabat sejak {start:%Y} setelah seleksi terbuka oleh tim seleksi."
)


def draw_portrait(number):
    """A 300x400 JPEG: a head-and-shoulders silhouette on a plain ground."""
    ground = [(226, 232, 240), (240, 226, 228), (228, 240, 230), (236, 230, 244)][number % 4]
    image = Image.new("RGB", (300, 400), ground)
    draw = ImageDraw.Draw(image)
    draw.ellipse([95, 70, 205, 190], fill=(90, 90, 100))
    draw.ellipse([40, 210, 260, 470], fill=(60, 60, 72))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def demo_portrait(number):
    name = f"demo/komisioner-{number + 1:02d}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(draw_portrait(number)))
    return name


def seed_commissioners():
    """Create or refresh the demo boards (keyed by satker, name and term start). Returns the count."""
    divisions = {division.position: division for division in Division.objects.all()}
    count = 0
    for satker in Satker.objects.filter(slug__in=BOARD_SATKER):
        boards = [(CURRENT_BOARD, CURRENT_TERM)]
        if satker.slug == "kota-kediri":
            boards.append((EARLIER_BOARD, EARLIER_TERM))
        for board, (start, end) in boards:
            for number, (name, position, division) in enumerate(board):
                person = Commissioner.objects.filter(satker=satker, name=name, term_start=start).first()
                person = person or Commissioner(satker=satker, name=name, term_start=start)
                person.position = position
                person.division = divisions.get(division)
                person.term_end = None if position == Position.SECRETARY else end
                person.bio = BIO.format(start=start)
                person.photo = demo_portrait(number)
                person.save()
                count += 1
    return count
