"""Path traversal and odd file names in uploads: never stored outside the satker's folder, never
under the name sent; files that are not images are refused with a clear message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from satker.models import Role
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    "../../../../etc/passwd.jpg",
    "..\\..\\..\\windows\\win.ini.jpg",
    "/etc/cron.d/x.jpg",
    "foto.jpg\x00.php",
    "foto.php.jpg",
    "<script>alert(1)</script>.jpg",
    ".htaccess.jpg",
    "~/.ssh/authorized_keys.png",
    "a" * 300 + ".jpg",
    "CON.jpg",
    "%2e%2e%2fx.jpg",
    "фото выборы.jpg",
]


def jpeg(name):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (163, 20, 28)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def editor(client):
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    return client


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_file_name_is_stored_under_a_safe_name_in_the_satkers_folder(editor, settings, name):
    response = editor.post(reverse("ckeditor_upload"), {"upload": jpeg(name)})
    answer = response.json()
    assert answer["uploaded"] == 1
    stored = list(settings.MEDIA_ROOT.rglob("*.*"))
    assert len(stored) == 1
    path = stored[0].resolve()
    assert path.is_relative_to((settings.MEDIA_ROOT / "editor" / "kota-kediri").resolve())
    assert path.name.isascii() and ".." not in path.name and "/" not in answer["fileName"]
    assert path.suffix == ".jpg" and ".php" not in path.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gambar.jpg", b"<?php system($_GET['c']); ?>", "bukan gambar"),
        ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        ("gambar.png", b"<svg onload=alert(1)>", "SVG"),
        ("gambar.html", b"<html><script>alert(1)</script></html>", "bukan gambar"),
    ],
)
def test_files_that_are_not_images_are_refused_whatever_their_name(editor, settings, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    answer = editor.post(reverse("ckeditor_upload"), {"upload": upload}).json()
    assert answer["uploaded"] == 0 and message in answer["error"]["message"]
    assert not list(settings.MEDIA_ROOT.rglob("*.*"))
