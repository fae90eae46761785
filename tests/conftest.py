import os

import pytest
from django.core.cache import cache

from satker.directory import build_directory, load_directory
from satker.models import Satker

# Playwright's sync API keeps an event loop running in the test thread, which Django's
# async-safety check would take for async code. Browser tests call the ORM from plain sync code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real 553-satker directory."""
    with django_db_blocker.unblock():
        load_directory(build_directory())


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest storage needs collectstatic; tests render templates without it.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def directory(transactional_db):
    """For transactional tests (pytest-django runs them last): each empties the tables when it
    ends, so reload the directory when a previous one left it empty."""
    if not Satker.objects.exists():
        load_directory(build_directory())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so the in-memory satker directory reloads too."""
    cache.clear()


@pytest.fixture
def image_file():
    """image_file(width, height) -> an uploaded JPEG drawn with Pillow."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def make(width=800, height=450, name="foto.jpg"):
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), (163, 20, 28)).save(buffer, "JPEG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")

    return make
