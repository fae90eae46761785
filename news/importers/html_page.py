"""What one saved article page of the central KPU platform says: title, date, views, body...

The page is parsed with BeautifulSoup over Python's own html.parser (tolerant of the unclosed
tags saved pages have; no C library). The platform's article page is, in outline:

    <head> <title>, <link rel="canonical">, <meta property="og:url|og:title|og:image">
    <header> logo and menu <nav>                                   site chrome: dropped
    <main> <div class="breadcrumb">Beranda › Pengumuman</div>      the kind, then dropped
           <h1>title</h1> <div class="meta">date · Telah dilihat N kali</div>
           <img class="featured">                                  the featured image
           <div class="isi-berita">body</div>                      the body
           <div class="share">Bagikan ...</div>, comments          dropped
    <aside> Berita Terkini / Terpopuler </aside> <footer>         site chrome: dropped

Class names vary between templates, so the body is found by a list of usual names, else as
the block with the most paragraph text; the title is the last <h1> before the body.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from bs4 import BeautifulSoup, Comment, Tag

from news.models import Kind

from .text import MONTHS, VIEWS

# Tags of site chrome and forms: never article text.
CHROME_TAGS = ["script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "input",
               "select", "textarea", "svg", "link", "meta"]  # fmt: skip
# Class or id words of menus, sidebars, share bars, comments, related lists, banners.
NOISE_WORDS = re.compile(
    r"(?:^|[-_ ])(?:menu|navbar|nav|sidebar|widget|share|sharing|social|sosmed|bagikan|comments?|komentar|"
    r"related|terkait|terkini|populer|popular|terpopuler|breadcrumbs?|footer|pagination|banner|iklan|ads?|"
    r"advert\w*|newsletter|subscribe|tags?|label|print|cetak)(?:$|[-_ ])",
    re.I,
)
BODY_SELECTORS = (
    "[itemprop=articleBody]", ".isi-berita", ".isi_berita", ".konten-berita", ".content-berita", ".berita-content",
    ".detail-berita .isi", ".post-content", ".entry-content", ".article-content", ".article-body", ".news-content",
    ".detail-content", ".isi",
)  # fmt: skip
KIND_WORDS = {"pengumuman": Kind.ANNOUNCEMENT, "siaran pers": Kind.PRESS_RELEASE}
SITE_NAME = re.compile(r"^(?:KPU|KIP|Komisi (?:Pemilihan|Independen Pemilihan))\b[\w .'-]{0,60}$", re.I)
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)", re.I)

DAY_NAME = r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s*)?"
CLOCK = r"(?:\s*(?:[-,|/·•]|pukul|jam)?\s*(?P<hour>\d{1,2})[.:](?P<minute>\d{2})(?::\d{2})?)?"
DATE_PATTERNS = [
    re.compile(rf"\b{DAY_NAME}(?P<day>\d{{1,2}})\s+(?P<month>[a-z]{{3,9}})\.?,?\s+(?P<year>\d{{4}}){CLOCK}", re.I),
    re.compile(rf"\b{DAY_NAME}(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}}){CLOCK}", re.I),
    re.compile(rf"\b(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?:[T ]|\b){CLOCK}"),
]
VIEWS_IN_TEXT = re.compile(
    r"(?:telah\s+)?dilihat\s*:?\s*(?P<a>\d[\d.,]*)\s*kali|(?P<b>\d[\d.,]*)\s*(?:views?|kali dilihat|x dilihat)\b", re.I
)


@dataclass
class Image:
    src: str
    alt: str = ""
    caption: str = ""


@dataclass
class Page:
    title: str = ""
    kind: str = Kind.NEWS
    day: date | None = None
    at: time | None = None
    moment: datetime | None = None  # a full time with its zone (article:published_time, <time datetime>)
    views: int = 0
    body: str = ""  # the body's HTML, chrome and noise removed, not yet sanitized
    featured: Image | None = None
    og_image: str = ""
    old_urls: list[str] = field(default_factory=list)  # canonical, og:url, "saved from url"


def find_date(text):
    """(date, time or None) of the first Indonesian date in `text` ('Senin, 7 Agustus 2023 | 14.30
    WIB', '07 Agt 2023', '7/8/2023 10:15', '2023-08-07 14:30:00'), else None."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"]
            month = int(month) if month.isdigit() else MONTHS.get(month.lower())
            try:
                day = date(int(match["year"]), month or 0, int(match["day"]))
                at = time(int(match["hour"]), int(match["minute"])) if match["hour"] else None
            except (TypeError, ValueError):
                continue
            return day, at
    return None


def classes(tag):
    return " ".join([*tag.get("class", []), tag.get("id", "")])


def is_noise(tag):
    return (
        isinstance(tag, Tag)
        and tag.name not in ("html", "body", "main", "article")
        and bool(NOISE_WORDS.search(classes(tag)))
    )


def text_of(tag):
    return " ".join(tag.get_text(" ").split())


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return (tag.get("content") or "").strip() if tag else ""


def head_urls(soup):
    canonical = soup.find("link", rel=lambda rel: rel and "canonical" in rel)
    urls = [(canonical.get("href") or "").strip() if canonical else "", meta(soup, "og:url")]
    saved = next((SAVED_FROM.search(c) for c in soup.find_all(string=lambda s: isinstance(s, Comment))), None)
    urls.append(saved[1] if saved else "")
    return [url for url in urls if url.startswith(("http://", "https://", "/"))]


SIDEBAR = re.compile(r"sidebar|widget|menu", re.I)


def in_sidebar(tag):
    return any(parent.name in ("aside", "nav", "footer") or SIDEBAR.search(classes(parent)) for parent in tag.parents)


def kind_of(soup):
    """Announcement or press release when the page's breadcrumb or category label says so (not
    a category list in the sidebar)."""
    for tag in soup.find_all(True, class_=re.compile(r"breadcrumb|kategori|category", re.I)):
        words = text_of(tag).lower()
        if len(words) > 120 or in_sidebar(tag):
            continue
        for word, kind in KIND_WORDS.items():
            if word in words:
                return kind
    return Kind.NEWS


def find_body(soup, selectors):
    """The first of `selectors` that has text, else the block whose own paragraphs hold the
    most text (as reading-mode tools do), else None."""
    for selector in selectors:
        found = soup.select_one(selector)
        if found is not None and text_of(found):
            return found
    if selectors:
        return None
    best, best_length = None, 0
    for block in soup.find_all(["div", "section", "article", "td"]):
        length = sum(len(text_of(p)) for p in block.find_all("p", recursive=False))
        if length > best_length:
            best, best_length = block, length
    return best


def site_names(soup):
    names = {meta(soup, "og:site_name").lower()}
    if soup.title and soup.title.string:
        parts = TITLE_SEPARATOR.split(soup.title.string.strip())
        names.update(part.lower() for part in parts[1:])
    return names - {""}


def find_title(soup, body):
    """The last <h1> before the body (never the logo's), else og:title, else <title> less the site name."""
    names = site_names(soup)
    title = ""
    for heading in soup.find_all("h1"):
        if body is not None and heading.find_previous(lambda tag: tag is body) is not None:
            break  # past the body
        if heading.find("img") or text_of(heading).lower() in names:
            continue
        title = text_of(heading) or title
    if not title:
        title = meta(soup, "og:title")
        title = "" if title.lower() in names else title
    if not title and soup.title and soup.title.string:
        parts = TITLE_SEPARATOR.split(soup.title.string.strip())
        title = parts[0] if len(parts) > 1 or not SITE_NAME.match(parts[0]) else ""
    return " ".join(title.split())


def header_text(soup, body):
    """The page's text outside the body (title, date and view lines), chrome already gone."""
    if body is None:
        return text_of(soup.body or soup)
    inside = set(map(id, body.find_all(string=True)))
    strings = (s for s in (soup.body or soup).find_all(string=True) if id(s) not in inside)
    return " ".join(" ".join(strings).split())


def explicit_moment(soup):
    value = meta(soup, "article:published_time")
    stamp = soup.find("time", datetime=True)
    for candidate in (value, stamp["datetime"] if stamp else ""):
        try:
            moment = datetime.fromisoformat(candidate.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is not None:
            return moment
    return None


def figure_caption(img):
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    return text_of(caption) if caption else ""


def find_featured(soup, body):
    """The first image outside the body (the platform shows the featured photo above it)."""
    for img in (soup.body or soup).find_all("img", src=True):
        if body is not None and body in img.parents:
            continue
        if img.find_parent("a", href="/") or img.find_parent("h1"):
            continue  # the logo
        return Image(img["src"].strip(), (img.get("alt") or "").strip(), figure_caption(img))
    return None


def clean_body(body, title):
    """The body's inner HTML without noise blocks, a repeated title, or date and view lines."""
    for tag in body.find_all(is_noise):
        tag.decompose()
    for tag in body.find_all(["h1", "p", "div", "span", "small"]):
        if tag.decomposed:
            continue
        words = text_of(tag)
        if (tag.name == "h1" and words == title) or (
            words and len(words) < 80 and (VIEWS.match(words) or VIEWS_IN_TEXT.fullmatch(words))
        ):
            tag.decompose()
    return body.decode_contents().strip()


def read_page(html):
    """The parts of an article page (see the module docstring); fields are empty when absent."""
    soup = BeautifulSoup(html, "html.parser")
    page = Page(old_urls=head_urls(soup), og_image=meta(soup, "og:image"), kind=kind_of(soup))
    page.moment = explicit_moment(soup)
    for tag in soup.find_all(CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all("header"):
        if not tag.find_parent(["article", "main"]):
            tag.decompose()  # the site's header; an <article>'s own <header> holds its title
    body = find_body(soup, BODY_SELECTORS)
    for tag in soup.find_all(is_noise):
        # A wrapper named like noise ("content-with-sidebar") that holds the body stays.
        if not tag.decomposed and (body is None or tag not in body.parents):
            tag.decompose()
    if body is None:
        body = find_body(soup, ())
    page.title = find_title(soup, body)
    around = header_text(soup, body).replace(page.title, " ", 1)
    found = find_date(around)
    if found:
        page.day, page.at = found
    views = VIEWS_IN_TEXT.search(around)
    if views:
        page.views = int(re.sub(r"[.,]", "", views["a"] or views["b"]))
    page.featured = find_featured(soup, body)
    if body is not None:
        page.body = clean_body(body, page.title)
    return page
