"""One world for the newsroom tests: Kota Kediri's staff, a neighbour satker, the province, KPU RI."""

import io

import pytest
from PIL import Image

from satker.models import Role
from tests.factories import staff_user


@pytest.fixture
def other_writer(db):
    return staff_user("penulis2-kediri", "kota-kediri", Role.WRITER)


@pytest.fixture
def satker_admin(db):
    return staff_user("admin-kediri", "kota-kediri", Role.ADMIN)


@pytest.fixture
def bandung_editor(db):
    return staff_user("editor-bandung", "kota-bandung", Role.EDITOR)


@pytest.fixture
def province_editor(db):
    return staff_user("editor-jatim", "prov-jawa-timur", Role.EDITOR)


def image_bytes(fmt="JPEG", size=(64, 48), exif=None, color=(200, 30, 30)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def gps_exif(orientation=None):
    """EXIF with a GPS position (Kediri) and, optionally, an orientation tag."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (7.0, 49.0, 0.0)
    gps[3] = "E"
    gps[4] = (112.0, 0.0, 0.0)
    return exif


def article_form_data(**overrides):
    data = {
        "title": "Rapat Pleno Rekapitulasi",
        "slug": "",
        "kind": "berita",
        "dateline": "Kediri",
        "lead": "Ringkasan.",
        "body": "<p>Isi berita.</p>",
        "tags": "",
        "editor_credit": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        # The Ralat inline, shown on articles once published (news/newsroom/admin.py).
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data
