"""Static pages of the central KPU platform saved as HTML (Profil, Tugas dan Kewenangan,
Kontak...) -> pages (news.pages), their old addresses kept as redirects.

A saved page is a static page when its old address (canonical link, og:url, the browser's
"saved from url" note or a sidecar) has the platform's page form: /page/read/<id>/<slug>,
/page/read/<slug> or /index.php/pages/detail/<year>/<id> (legacy/keys.py). Such pages carry no
date, so the article importer would refuse them; `import_html` hands them here instead.
"""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from legacy.keys import key_for_url
from legacy.links import remember_page
from legacy.models import OldLink
from news.models import Status
from news.pages.models import SLUG_MAX_LENGTH, Page
from news.pages.slugs import reserved_slugs
from news.sanitize import clean_html

from .html_page import read_page
from .saved_pages import PageError, decode, page_satker
from .sidecar import SidecarError, full_url

PAGE_KEYS = ("page:", "pageslug:")
# A cheap first look: only files naming a page address anywhere are parsed for it.
HINT = re.compile(rb"page/read/|pages/detail/")


def page_urls(urls):
    return [url for url in urls if (key_for_url(url) or "").startswith(PAGE_KEYS)]


def old_slug(urls):
    """The slug the old address gave the page (/page/read/856/pengaduan-masyarakat), if any."""
    for url in urls:
        last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        if last and not last.isdigit() and last.lower() not in {"read", "detail"}:
            return slugify(last)[:SLUG_MAX_LENGTH]
    return ""


def with_absolute_images(body, base, warnings):
    """Images keep their full address (or get one from the old page's); the others go."""
    fragment = BeautifulSoup(body, "html.parser")
    for img in fragment.find_all("img"):
        src = (img.get("src") or "").strip()
        if src.startswith(("http://", "https://")):
            continue
        if src.startswith("/") and base:
            img["src"] = urljoin(base, src)
            continue
        warnings.append(f"image {src[:100] or '(no src)'} has no address outside the saved page; left out")
        img.decompose()
    return str(fragment)


class StaticPages:
    """Takes the saved static pages out of an `import_html` run and writes them as pages."""

    def __init__(self, report):
        self.report = report

    def take(self, path, *, satker=None, sidecars=None, encoding=None):
        """True when the file at `path` is a static page (imported, or its failure reported)."""
        label = str(path)
        try:
            data = Path(path).read_bytes()
            sidecar = sidecars.url_for(path) if sidecars is not None else None
        except (OSError, SidecarError):
            return False  # the article importer reports it
        if not HINT.search(data) and not page_urls([sidecar or ""]):
            return False
        try:
            text, warning = decode(data, encoding)
        except (PageError, LookupError, UnicodeDecodeError):
            return False
        page = read_page(text.replace("\x00", ""))
        old_urls = page_urls(dict.fromkeys(url for url in [sidecar, *page.old_urls] if url))
        if not old_urls:
            return False
        unit, problem = page_satker(old_urls, satker)
        if problem:
            self.report.failed(label, problem)
        elif not page.title:
            self.report.failed(label, "a static page with no title (no <h1>, og:title or <title>)")
        else:
            self.write(label, page, old_urls, unit, [warning] if warning else [])
        return True

    def write(self, label, page, old_urls, satker, warnings):
        base = next((url for url in old_urls if url.startswith(("http://", "https://"))), "")
        body = with_absolute_images(clean_html(page.body), base, warnings)
        try:
            with transaction.atomic():
                created = self.save(satker, page.title, body, old_urls)
        except DatabaseError as exc:
            self.report.failed(label, f"not saved ({type(exc).__name__}: {exc})")
            return
        (self.report.imported if created else self.report.updated)(label)
        for message in warnings:
            self.report.warn(label, message)
        self.report.note("static pages imported as pages (Halaman)")

    def save(self, satker, title, body, old_urls):
        """Find the page again by its old address, else by slug (a starter page waiting for its
        text), else make it; publish it with the old text. Returns True when made."""
        keys = [key_for_url(url) for url in old_urls]
        link = OldLink.objects.filter(satker=satker, key__in=keys, page__isnull=False).select_related("page").first()
        slug = old_slug(old_urls) or slugify(title)[:SLUG_MAX_LENGTH]
        if slug in reserved_slugs():
            slug = f"{slug}-halaman"
        target = link.page if link else Page.objects.filter(satker=satker, slug=slug).first()
        created = target is None
        target = target or Page(satker=satker, slug=slug)
        target.title, target.body, target.status = title[:200], body, Status.PUBLISHED
        target.source_url = next((url for url in (full_url(u, satker) for u in old_urls) if url), "")[:500]
        target.save()
        for url in old_urls:
            remember_page(target, url)
        return created
