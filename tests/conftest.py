import os
import shutil

import pytest
from django.core.cache import cache

from pagecache import generations
from satker import directory_cache
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
    directory_cache.forget()
    generations.forget_moves()  # keys moved in earlier tests' rolled-back transactions


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


# --- Headless Chromium (Debian's package) driven by Playwright, against the live server. ---------
# One session-wide browser for every test directory: two sync Playwright instances in one process
# would collide, so no test module imports these fixtures; they live here.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "screenshots")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_at(browser):
    """page_at(width) opens a fresh page of that viewport width; closed after the test."""
    contexts = []

    def open_page(width=390, height=860):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    os.makedirs(SCREENSHOTS, exist_ok=True)

    def take(page, name):
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)

    return take
