"""Headless Chromium (Debian's package) driven by Playwright, against pytest-django's live server."""

import os
import shutil

import pytest

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
