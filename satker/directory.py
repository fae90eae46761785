"""Builds the 553-satker directory from the region list in data/ and loads it idempotently.

Source data: idn-area-data 4.0.1 (ODbL 1.0, see data/idn-area/) for names and codes, and
data/kpu-domains/domains.csv for each satker's default web domain.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from .models import Level, Satker, TimeZone

DATA_DIR = settings.BASE_DIR / "data"
ACEH = "11"
WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


class DirectoryError(Exception):
    """A source file is missing or malformed; the message names file and line."""


@dataclass(frozen=True)
class SatkerRow:
    region_code: str
    name: str
    slug: str
    level: str
    parent_code: str | None
    time_zone: str
    domain: str


def time_zone_for(province_code):
    if province_code in WIT_PROVINCES:
        return TimeZone.WIT
    if province_code in WITA_PROVINCES:
        return TimeZone.WITA
    return TimeZone.WIB


def read_csv(path, columns):
    """Yield (line number, row) for each data row, checking the header and each row's width."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DirectoryError(f"{path}: cannot read the file ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise DirectoryError(f"{path}: not a UTF-8 file ({exc}).") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header != columns:
            raise DirectoryError(f"{path}:1: expected the header {','.join(columns)}, found {header}.")
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns) or not all(row[: len(columns) - 1]):
                raise DirectoryError(f"{path}:{reader.line_num}: expected {len(columns)} columns, found {row}.")
            yield reader.line_num, [cell.strip() for cell in row]
    except csv.Error as exc:
        raise DirectoryError(f"{path}:{reader.line_num}: malformed CSV ({exc}).") from exc


def regency_parts(name):
    """'Kabupaten Administrasi Kepulauan Seribu' -> ('kabupaten', 'Kepulauan Seribu')."""
    for prefix, level in (("Kabupaten ", Level.KABUPATEN), ("Kota ", Level.KOTA)):
        if name.startswith(prefix):
            return level, name.removeprefix(prefix).removeprefix("Administrasi ")
    return None, name


def build_directory(data_dir=DATA_DIR):
    """Return the 553 SatkerRow objects, KPU RI first, then provinces, then kabupaten/kota."""
    provinces_csv = Path(data_dir) / "idn-area" / "provinces.csv"
    regencies_csv = Path(data_dir) / "idn-area" / "regencies.csv"
    domains_csv = Path(data_dir) / "kpu-domains" / "domains.csv"
    domains = read_domains_lenient(domains_csv)

    rows = [SatkerRow("", "KPU RI", "ri", Level.PUSAT, None, TimeZone.WIB, domains.get("", "www.kpu.go.id"))]
    province_codes = set()
    for line, (code, name) in read_csv(provinces_csv, ["code", "name"]):
        if not code.isdigit() or len(code) != 2:
            raise DirectoryError(f"{provinces_csv}:{line}: province code {code!r} is not two digits.")
        province_codes.add(code)
        label = "KIP Aceh" if code == ACEH else f"KPU Provinsi {name}"
        rows.append(
            SatkerRow(
                code, label, f"prov-{slugify(name)}", Level.PROVINSI, "", time_zone_for(code), domains.get(code, "")
            )
        )
    for line, (code, province_code, name) in read_csv(regencies_csv, ["code", "province_code", "name"]):
        level, short_name = regency_parts(name)
        if level is None:
            raise DirectoryError(f"{regencies_csv}:{line}: {name!r} starts with neither 'Kabupaten' nor 'Kota'.")
        if province_code not in province_codes or not code.startswith(f"{province_code}."):
            raise DirectoryError(f"{regencies_csv}:{line}: unknown province code {province_code!r} for {code}.")
        body = "KIP" if province_code == ACEH else "KPU"
        slug = f"{'kab' if level == Level.KABUPATEN else 'kota'}-{slugify(short_name)}"
        rows.append(
            SatkerRow(
                code, f"{body} {name}", slug, level, province_code, time_zone_for(province_code), domains.get(code, "")
            )
        )
    check_unique(rows, regencies_csv)
    return rows


def read_domains_lenient(path):
    """Domains are optional data: a missing file means no default domains, not a failed load."""
    if not Path(path).exists():
        return {}
    domains = {}
    with open(path, encoding="utf-8", newline="") as handle:
        try:
            for row in csv.DictReader(handle):
                domains[(row.get("region_code") or "").strip()] = (row.get("domain") or "").strip().lower()
        except (UnicodeDecodeError, csv.Error) as exc:
            raise DirectoryError(f"{path}: not a UTF-8 CSV file ({exc}).") from exc
    return domains


def check_unique(rows, path):
    for field in ("slug", "region_code"):
        seen = set()
        for row in rows:
            value = getattr(row, field)
            if value in seen:
                raise DirectoryError(f"{path}: two satker share the {field} {value!r}.")
            seen.add(value)


@transaction.atomic
def load_directory(rows):
    """Create or update every satker. Returns (created, updated).

    Names, slugs, levels, parents and time zones follow the source. Domain, contact, social
    links and logo are only set when a satker is created, so edits made in the admin survive.
    """
    existing = {satker.region_code: satker for satker in Satker.objects.all()}
    created = updated = 0
    by_code = {}
    for row in rows:
        parent = by_code.get(row.parent_code) if row.parent_code is not None else None
        values = {
            "name": row.name,
            "slug": row.slug,
            "level": row.level,
            "parent": parent,
            "time_zone": row.time_zone,
        }
        satker = existing.get(row.region_code)
        if satker is None:
            satker = Satker.objects.create(region_code=row.region_code, domain=row.domain or None, **values)
            created += 1
        elif any(getattr(satker, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(satker, key, value)
            satker.save(update_fields=list(values))
            updated += 1
        by_code[row.region_code] = satker
    return created, updated
