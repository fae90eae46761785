"""Default PPID and JDIH links per satker, from data/kpu-services/services.csv.

The load fills a field only where it is empty: a value in the field was either set by an editor
or loaded before, and either way the load leaves it alone. A corrected row in the CSV therefore
reaches only satker whose field is still empty; the load reports how many differ.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .directory import DATA_DIR, DirectoryError
from .directory_cache import bump_generation
from .models import Satker, web_url_validator

SERVICES_CSV = Path(DATA_DIR) / "kpu-services" / "services.csv"
COLUMNS = ["region_code", "name", "ppid_url", "ppid_evidence", "jdih_url", "jdih_evidence"]
FIELDS = ["ppid_url", "jdih_url"]


@dataclass
class FillResult:
    filled: int = 0  # fields set from the data file
    kept: int = 0  # fields whose own value differs from the data file: left as they were

    def summary(self):
        return f"PPID/JDIH defaults: {self.filled} fields filled, {self.kept} own values kept."


def read_service_defaults(path=SERVICES_CSV):
    """{region_code: {"ppid_url": ..., "jdih_url": ...}}; {} when the file is missing (the links
    are optional data, as the domains are). A malformed file raises DirectoryError naming the line."""
    path = Path(path)
    if not path.exists():
        return {}
    defaults = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != COLUMNS:
                raise DirectoryError(f"{path}:1: expected the header {','.join(COLUMNS)}, found {reader.fieldnames}.")
            for row in reader:
                urls = {field: (row[field] or "").strip() for field in FIELDS}
                for field, url in urls.items():
                    check_url(url, path, reader.line_num, field)
                defaults[(row["region_code"] or "").strip()] = urls
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DirectoryError(f"{path}: not a UTF-8 CSV file ({exc}).") from exc
    return defaults


def check_url(url, path, line, field):
    if not url:
        return
    try:
        web_url_validator(url)
    except ValidationError as exc:
        raise DirectoryError(f"{path}:{line}: {field} {url!r} is not an http(s) URL.") from exc


@transaction.atomic
def fill_service_defaults(defaults):
    """Set each satker's empty PPID/JDIH field from `defaults` (read_service_defaults)."""
    result = FillResult()
    changed = []
    for satker in Satker.objects.all():
        wanted = defaults.get(satker.region_code)
        if not wanted:
            continue
        touched = False
        for field in FIELDS:
            current, default = getattr(satker, field), wanted[field]
            if not current and default:
                setattr(satker, field, default)
                result.filled += 1
                touched = True
            elif current and default and current != default:
                result.kept += 1
        if touched:
            changed.append(satker)
    if changed:
        Satker.objects.bulk_update(changed, FIELDS, batch_size=200)
        transaction.on_commit(bump_generation)  # bulk_update sends no post_save: tell the directory
    return result
