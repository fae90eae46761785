"""Articles saved as plain text, as copied from the satker sites' pages -> article records.

A file holds one article as it was copied from the page:

    Berita Terkini                          header noise (dropped)
    Senin, 7 Agustus 2023                   a date line (optional)
    Rapat Pleno Terbuka ...                 the title, sometimes twice
    Kediri, kota-kediri.kpu.go.id - ...     the dateline opens the body
    ...paragraphs...
    Bagikan: / facebook twitter whatapps    footer: dropped; "Telah dilihat 245 kali" or
    Telah dilihat 245 kali                  "245 views" gives the view count
    Tinggalkan Balasan ...                  the comment form: dropped

The satker comes from the dateline's host unless given (else from the old address); the date
from a date line, else a "(7/8/2023)" mention in the body. Untidy pages still import, each
flagged in the report: a range "(17-19/1/2024)" gives its first day; a year-less "(9/5)" takes
--year, else the file's modification year; a page whose first line is already the dateline
(no title line) gets its title from the first sentence. A page with no date at all is refused.
The page's old address, when known, is written beside the file (`sidecar.py`): it is recorded
so the old URL redirects to the imported article.
"""

import hashlib
import re
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import escape

from news.models import Kind, Status
from satker.directory_cache import normalize_host, satker_for_host

from .dateline import split_text_dateline
from .records import ArticleRecord, Failure
from .sidecar import URLS_FILE, SidecarError, Sidecars, full_url

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8,
    "sep": 9, "okt": 10, "nov": 11, "des": 12,
}  # fmt: skip
DAY = r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s+)?"
TIME = r"(?:\s*(?:[-,|]|pukul)?\s*(?P<hour>\d{1,2})[.:](?P<minute>\d{2})(?:\s*(?:WIB|WITA|WIT))?)?"
WORD_DATE = re.compile(rf"^{DAY}(?P<day>\d{{1,2}})\s+(?P<month>[a-z]+)\.?\s+(?P<year>\d{{4}}){TIME}$", re.I)
NUMERIC_DATE = re.compile(rf"^{DAY}(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}}){TIME}$", re.I)
ISO_DATE = re.compile(rf"^(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}}){TIME}$")
# "(7/8/2023)", "(7/8)", and a range of days "(17-19/1/2024)": the first day is taken.
MENTION = re.compile(
    r"\((?P<day>\d{1,2})(?:\s*[-–]\s*(?P<last>\d{1,2}))?/(?P<month>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?\)"
)
# A derived title ends at the first sentence's end, but not after these: "Kab. Kediri", "No. 5".
ABBREVIATIONS = {
    "kab", "kec", "kel", "prov", "no", "nomor", "dr", "drs", "dra", "ir", "hj", "sdr", "bpk", "jl", "tgl",
    "yth", "pkl", "st", "sh", "se", "mh", "msi", "pd", "spd", "kom", "skom",
}  # fmt: skip
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
DERIVED_TITLE_LENGTH = 120
HEADER_NOISE = re.compile(r"^(?:berita terkini|berita|beranda|home|news|pengumuman|siaran pers)$", re.I)
KINDS = {"pengumuman": Kind.ANNOUNCEMENT, "siaran pers": Kind.PRESS_RELEASE}
VIEWS = re.compile(
    r"^(?:(?:telah\s+)?dilihat\s*:?\s*(?P<a>[\d.,]+)\s*kali|(?P<b>[\d.,]+)\s*(?:views?|kali dilihat|x dilihat))$", re.I
)
# Where the article ends and the page around it begins.
FOOTER_START = re.compile(
    r"^(?:bagikan|share|share this|bagikan ini)\s*:?$|^(?:(?:facebook|twitter|whatsapp|whatapps|telegram)\s*)+$|"
    r"^tinggalkan (?:balasan|komentar)|^leave a (?:reply|comment)|^(?:berita|artikel|post) (?:terkait|lainnya)\b|"
    r"^post navigation$|^navigasi pos$",
    re.I,
)
# Lines of share bars and comment forms, dropped wherever they stand.
NOISE = re.compile(
    r"^(?:bagikan|share)\s*:?$|^(?:(?:facebook|twitter|whatsapp|whatapps|telegram|email|print|linkedin)\s*)+$|"
    r"^alamat email anda tidak akan dipublikasikan|^ruas yang wajib ditandai|^komentar\s*\*?$|^nama\s*\*?$|"
    r"^email\s*\*?$|^situs web$|^simpan nama, email|^kirim komentar$|^post comment$|^batal balas$",
    re.I,
)
EDITOR = re.compile(r"^\(?\s*(?:[a-z/ ]*/)?\s*(?:ed|editor)\s*[:.]\s*(?P<name>[^()]{1,60}?)\s*\)?$", re.I)


class TextError(Exception):
    pass


def decode(data, encoding):
    if encoding:
        return data.decode(encoding)
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextError(
            f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); give --encoding, "
            "e.g. --encoding cp1252 for a file saved on Windows"
        ) from None


def parse_date(line):
    """(date, time or None) for a date line such as 'Senin, 7 Agustus 2023 15.00 WIB', else None."""
    line = line.strip()
    for pattern in (WORD_DATE, NUMERIC_DATE, ISO_DATE):
        match = pattern.match(line)
        if not match:
            continue
        month = match["month"]
        month = int(month) if month.isdigit() else MONTHS.get(month.lower())
        try:
            day = datetime(int(match["year"]), month or 0, int(match["day"])).date()
        except (TypeError, ValueError):
            return None
        at = time(int(match["hour"]), int(match["minute"])) if match["hour"] else None
        return day, at
    return None


def mention_date(text, year=None, file_year=None):
    """(date, notes) from the first "(d/m/yyyy)" mention in `text`, or (None, []). A year-less
    mention takes `year` (--year), else `file_year`; the notes say so, for the report."""
    match = MENTION.search(text)
    if not match:
        return None, []
    notes = []
    if match["last"]:
        notes.append(f"date range {match[0]}: the first day taken")
    given = match["year"]
    if given:
        year = int(given) + (2000 if len(given) == 2 else 0)
    elif year:
        notes.append(f"the date ({match['day']}/{match['month']}) has no year: {year} taken from --year")
    elif file_year:
        year = file_year
        notes.append(
            f"the date ({match['day']}/{match['month']}) has no year: {year} taken from the file's "
            "modification time; give --year if that is wrong"
        )
    else:
        raise TextError(f"the date ({match['day']}/{match['month']}) has no year; give --year")
    try:
        return datetime(year, int(match["month"]), int(match["day"])).date(), notes
    except ValueError:
        raise TextError(f"{match[0]} is not a date") from None


def first_sentence(paragraph):
    """A title for a page saved without one: the paragraph's first sentence, without date
    mentions, cut at a word when long."""
    end = len(paragraph)
    for match in SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\w+)$", paragraph[: match.start()])
        if word and (word[1].lower() in ABBREVIATIONS or len(word[1]) == 1):  # "Kab.", "H. Asa"
            continue
        end = match.start()
        break
    sentence = re.sub(r"\s+", " ", MENTION.sub("", paragraph[:end])).strip(" ,;:-")
    if len(sentence) > DERIVED_TITLE_LENGTH:
        sentence = sentence[: sentence.rfind(" ", 0, DERIVED_TITLE_LENGTH)].rstrip(" ,;:-") + "…"
    return sentence


def count(text):
    return int(re.sub(r"[.,]", "", text))


def header_end(lines):
    """Where the body starts in a page saved without a dateline: after the header noise,
    date lines and the (maybe repeated) title."""
    title = None
    for number, line in enumerate(lines):
        if not line or HEADER_NOISE.match(line) or parse_date(line) or line == title:
            continue
        if title is None:
            title = line
            continue
        return number
    return len(lines)


def parse(text, *, year=None, file_year=None):
    """The parts of one saved page: title, header date, dateline, paragraphs, views, credit,
    and `notes` on what was guessed (a derived title, a completed year, a range's first day)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    start = next((n for n, line in enumerate(lines) if split_text_dateline(line)), None)
    body_start = start if start is not None else header_end(lines)
    header, rest = lines[:body_start], lines[body_start:]
    title, date, kind = "", None, Kind.NEWS
    for line in header:
        if not line:
            continue
        if HEADER_NOISE.match(line):
            kind = KINDS.get(line.lower(), kind)
        elif parse_date(line):
            date = date or parse_date(line)
        elif not title:
            title = line
    dateline = split_text_dateline(rest[0]) if start is not None else None
    if dateline:
        rest[0] = dateline.rest
    # A browser copies a paragraph as one line, so each non-empty line is a paragraph.
    paragraphs, views, credit = [], 0, ""
    in_footer = False
    for line in rest:
        views_match = VIEWS.match(line)
        if views_match:
            views = max(views, count(views_match["a"] or views_match["b"]))
            in_footer = True
        elif FOOTER_START.match(line):
            in_footer = True
        elif line and not in_footer and not NOISE.match(line):
            paragraphs.append(line)
    if paragraphs and (editor := EDITOR.match(paragraphs[-1])):
        credit = f"Ed: {editor['name'].strip()}"
        paragraphs.pop()
    if not paragraphs:
        raise TextError("no article text after the title")
    notes = []
    if not title:
        title = first_sentence(paragraphs[0])
        if not title:
            raise TextError("no title line before the body, and no first sentence to take one from")
        notes.append(f"no title line: the title “{title}” is derived from the first sentence; check it")
    if date:
        day, at = date
    else:
        day, mention_notes = mention_date("\n".join(paragraphs), year, file_year)
        at, notes = None, notes + mention_notes
    if day is None:
        raise TextError("no date: add a date line under the title or give a (d/m/yyyy) mention")
    return {
        "title": title,
        "kind": kind,
        "day": day,
        "time": at,
        "dateline": dateline,
        "paragraphs": paragraphs,
        "views": views,
        "credit": credit,
        "notes": notes,
    }


def modification_year(path):
    """The year the file was last saved (Indonesia's western zone: a year turns there first
    for most satker), for a date mention written without one."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime, tz=ZoneInfo("Asia/Jakarta")).year


def text_record(path, *, satker=None, year=None, encoding=None, sidecars=None):
    """One record for the saved page at `path`, or a Failure naming the file and the problem."""
    label = str(path)
    try:
        parts = parse(decode(Path(path).read_bytes(), encoding), year=year, file_year=modification_year(path))
        old_url = (sidecars or Sidecars()).url_for(path)
    except (TextError, SidecarError) as exc:
        return Failure(label, str(exc))
    except (OSError, LookupError, UnicodeDecodeError) as exc:
        return Failure(label, f"cannot be read ({exc})")
    dateline = parts["dateline"]
    host = dateline.host if dateline else normalize_host(old_url) if "://" in old_url else None
    if satker is None:
        if host is None:
            return Failure(label, "no dateline host (e.g. 'kota-kediri.kpu.go.id - '); give --satker")
        satker = satker_for_host(host)
        if satker is None:
            return Failure(label, f"the host {host} is no satker's domain or alias; give --satker")
    moment = timezone.make_aware(
        datetime.combine(parts["day"], parts["time"] or time(0, 0)), ZoneInfo(satker.time_zone)
    )
    key = hashlib.sha1(f"{parts['title']}|{parts['day'].isoformat()}".encode()).hexdigest()
    return ArticleRecord(
        source_key=f"text:{key}",
        label=label,
        title=parts["title"],
        kind=parts["kind"],
        body="\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in parts["paragraphs"]),
        dateline=dateline.place if dateline else "",
        status=Status.PUBLISHED,
        published_at=moment,
        editor_credit=parts["credit"],
        view_count=parts["views"],
        source_url=full_url(old_url, satker),
        old_urls=[old_url],
        satker=satker,
        warnings=parts["notes"],
    )


def text_files(paths):
    """The files named, with every *.txt under a named folder, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def text_items(paths, *, satker=None, year=None, encoding=None):
    sidecars = Sidecars()
    for path in text_files(paths):
        if path.name == URLS_FILE:
            continue  # the folder's list of old addresses, not an article
        yield text_record(path, satker=satker, year=year, encoding=encoding, sidecars=sidecars)
