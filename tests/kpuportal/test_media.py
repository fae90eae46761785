"""Uploaded files served by Django (small installs): a bad name is a 404, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def serve_media(settings, tmp_path):
    settings.SERVE_MEDIA = True
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "ada.txt").write_text("isi")


def test_an_existing_file_is_served(client):
    response = client.get("/media/ada.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"isi"


@pytest.mark.parametrize("name", ["a" * 300, "tidak-ada.jpg", "a/" + "b" * 5000])
def test_a_name_the_file_system_refuses_is_a_404(client, name):
    assert client.get("/media/" + name).status_code == 404
