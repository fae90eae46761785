"""Imported media are stored under names of ours: each part a safe slug, the extension from the
format found in the content, never the one in the source; anything else is refused in English
for the operator's report."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from news.importers.media import BadMedia, copy_into_storage
from tests.factories import satker

pytestmark = pytest.mark.django_db
HTML_TAIL = b"<html><script>alert(document.cookie)</script></html>"


def image(fmt="GIF", tail=b""):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (163, 20, 28)).save(buffer, fmt)
    return buffer.getvalue() + tail


@pytest.fixture
def uploads(tmp_path):
    root = tmp_path / "uploads"

    def put(relative, content):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return relative

    put.root = root
    return put


def copy(uploads, relative, **options):
    return copy_into_storage(satker("kota-kediri"), uploads.root, relative, **options)


def test_a_gif_with_an_html_tail_named_html_is_stored_as_a_gif(uploads):
    name = copy(uploads, uploads("2023/08/x.html", image(tail=HTML_TAIL)))
    assert name == "impor/kota-kediri/2023/08/x.gif"
    assert default_storage.exists(name)


@pytest.mark.parametrize(
    ("relative", "content", "stored"),
    [
        ("2023/08/Pleno DPT.JPEG", image("JPEG"), "impor/kota-kediri/2023/08/pleno-dpt.jpg"),
        ("2023/08/grafik.jpg", image("PNG"), "impor/kota-kediri/2023/08/grafik.png"),
        ("2023/08/foto", image("WEBP"), "impor/kota-kediri/2023/08/foto.webp"),
        ("Foto Lama/<b>.svg.gif", image("GIF"), "impor/kota-kediri/foto-lama/bsvg.gif"),
        ("2023/08/фото.jpg", image("JPEG"), "impor/kota-kediri/2023/08/gambar.jpg"),
    ],
    ids=["jpeg-with-spaces", "png-named-jpg", "webp-without-extension", "markup-in-name", "cyrillic"],
)
def test_an_image_gets_a_slug_and_the_extension_of_its_format(uploads, relative, content, stored):
    assert copy(uploads, uploads(relative, content)) == stored


def test_a_pdf_is_stored_with_pdf_from_its_header(uploads):
    name = copy(uploads, uploads("2023/08/SK Penetapan.PDF", b"%PDF-1.7\n%%EOF\n"), pdf=True)
    assert name == "impor/kota-kediri/2023/08/sk-penetapan.pdf"


@pytest.mark.parametrize(
    ("relative", "content", "pdf", "reason"),
    [
        ("2023/08/x.jpg", HTML_TAIL, False, "not a valid image"),
        ("2023/08/x.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', False, "an SVG file"),
        ("2023/08/sk.pdf", HTML_TAIL, True, "not a PDF"),
        ("2023/08/sk.pdf", image(tail=b"%PDF-"), True, "not a PDF"),
    ],
    ids=["html-as-jpg", "svg-as-png", "html-as-pdf", "gif-as-pdf"],
)
def test_a_file_of_another_kind_is_refused_in_english(uploads, settings, relative, content, pdf, reason):
    with pytest.raises(BadMedia, match=reason):
        copy(uploads, uploads(relative, content), pdf=pdf)
    assert not list(settings.MEDIA_ROOT.rglob("*.*"))


def test_a_portal_export_keeps_its_own_names_for_its_satker(uploads):
    relative = uploads("artikel/kota-kediri/2026/11/foto.jpg", image("JPEG"))
    assert copy(uploads, relative, keep_name=True) == relative


def test_a_portal_export_name_with_a_lying_extension_gets_the_real_one(uploads):
    relative = uploads("artikel/kota-kediri/2026/11/x.html", image(tail=HTML_TAIL))
    assert copy(uploads, relative, keep_name=True) == "artikel/kota-kediri/2026/11/x.gif"


def test_another_satkers_export_name_moves_into_this_satkers_import_folder(uploads):
    relative = uploads("artikel/kota-bandung/2026/11/foto.jpg", image("JPEG"))
    assert copy(uploads, relative, keep_name=True) == "impor/kota-kediri/artikel/kota-bandung/2026/11/foto.jpg"


def test_a_second_run_reuses_the_stored_file(uploads):
    relative = uploads("2023/08/x.html", image(tail=HTML_TAIL))
    assert copy(uploads, relative) == copy(uploads, relative) == "impor/kota-kediri/2023/08/x.gif"
