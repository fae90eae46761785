import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.commissioners.models import Commissioner
from tests.factories import DivisionFactory, satker

from .conftest import CommissionerFactory

pytestmark = pytest.mark.django_db
ADD = "admin:commissioners_commissioner_add"


def form_data(**changes):
    data = {
        "name": "Dewi Anggota Baru",
        "position": "anggota",
        "division": DivisionFactory().pk,
        "term_start": "2023-10-24",
        "term_end": "2028-10-24",
        "bio": "Mantan pemantau pemilu.",
    }
    return {**data, **changes}


def photo_with_gps():
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (7.0, 49.0, 0.0)}  # a GPS position
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (90, 90, 100)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG 2024 Foto Resmi.JPG", buffer.getvalue(), content_type="image/jpeg")


def test_editor_adds_a_commissioner_to_their_own_satker_whatever_the_form_says(client, editor):
    client.force_login(editor)
    response = client.post(reverse(ADD), form_data(satker=satker("kota-bandung").pk, photo=photo_with_gps()))
    assert response.status_code == 302
    person = Commissioner.objects.get(name="Dewi Anggota Baru")
    assert person.satker.slug == "kota-kediri"
    assert person.photo.name.startswith("komisioner/kota-kediri/") and person.photo.name.endswith(
        "img-2024-foto-resmi.jpg"
    )
    with Image.open(person.photo.path) as stored:
        assert not stored.getexif()  # the GPS position is gone


def test_a_term_ending_before_it_starts_is_an_indonesian_form_error_and_saves_nothing(client, editor):
    client.force_login(editor)
    response = client.post(reverse(ADD), form_data(term_start="2028-10-24", term_end="2023-10-24"))
    assert response.status_code == 200
    assert "Akhir masa jabatan tidak boleh sebelum awal masa jabatan." in response.text
    assert not Commissioner.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_as_photo(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile("foto.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = client.post(reverse(ADD), form_data(photo=fake))
    assert response.status_code == 200
    assert not Commissioner.objects.exists()
    assert "gambar" in response.context["adminform"].form.errors["photo"][0]


def test_another_satkers_commissioner_is_neither_listed_nor_reachable_by_id(client, editor):
    other = CommissionerFactory(name="Orang Bandung Rahasia", satker=satker("kota-bandung"))
    client.force_login(editor)
    listing = client.get(reverse("admin:commissioners_commissioner_changelist"))
    assert listing.status_code == 200 and "Orang Bandung Rahasia" not in listing.text
    for view in ["change", "delete", "history"]:
        response = client.get(reverse(f"admin:commissioners_commissioner_{view}", args=[other.pk]), follow=True)
        assert "Orang Bandung Rahasia" not in response.text, view
    response = client.post(
        reverse("admin:commissioners_commissioner_change", args=[other.pk]), form_data(name="Diubah")
    )
    assert response.status_code in (302, 403, 404)
    other.refresh_from_db()
    assert other.name == "Orang Bandung Rahasia"


def test_writers_do_not_maintain_commissioners(client, writer):
    client.force_login(writer)
    assert client.get(reverse(ADD)).status_code == 403
