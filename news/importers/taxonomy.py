"""Which divisions, kind and tags an imported article gets from its source's categories and tags.

WordPress categories become divisions when the names match (without case) or through an
operator's mapping file; a category named like a kind ("Pengumuman", "Siaran Pers") sets the
kind; the rest is noted in the report. Tags are matched without case, as taggit is set up.
"""

import csv

from django.db import transaction
from django.utils.text import slugify

from news.models import Division, Kind, Tag

TAG_MAX = Tag._meta.get_field("name").max_length
KIND_BY_LABEL = {str(label).lower(): value for value, label in Kind.choices}
NO_CATEGORY = {"", "uncategorized", "tak berkategori"}


class DivisionMapError(Exception):
    pass


class UnknownDivision(Exception):
    pass


def read_division_map(path):
    """{category: division name} from a CSV file of 'category,division' lines; the division must
    exist (DivisionMapError names the file and line otherwise)."""
    known = {name.lower() for name in Division.objects.values_list("name", flat=True)}
    mapping = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                if not row or row[0].startswith("#") or [c.strip().lower() for c in row] == ["category", "division"]:
                    continue
                if len(row) != 2:
                    raise DivisionMapError(f"{path}, line {line}: expected 'category,division'")
                category, division = (cell.strip() for cell in row)
                if division.lower() not in known:
                    raise DivisionMapError(f"{path}, line {line}: no division named '{division}'")
                mapping[category] = division
    except (OSError, UnicodeDecodeError) as exc:
        raise DivisionMapError(f"{path}: cannot be read ({exc})") from None
    return mapping


class Taxonomy:
    """Divisions and tags read once per run; tags created as they first appear."""

    def __init__(self, report, division_map=None):
        self.report = report
        self.division_map = {key.lower(): value for key, value in (division_map or {}).items()}
        self.divisions = {division.name.lower(): division for division in Division.objects.all()}
        self.tags = None

    def divisions_for(self, record, values):
        """The record's divisions (named, or from its categories); may set values["kind"]."""
        found = []
        for name in record.divisions:
            division = self.divisions.get(name.lower())
            if division is None:
                raise UnknownDivision(f"unknown division '{name}'")
            found.append(division)
        for category in record.categories:
            target = self.division_map.get(category.lower(), category).lower()
            if target in self.divisions:
                found.append(self.divisions[target])
            elif target in KIND_BY_LABEL:
                values["kind"] = KIND_BY_LABEL[target]
            elif target not in NO_CATEGORY:
                self.report.note(f"category '{category}' matches no division")
        return list(dict.fromkeys(found))

    def tags_for(self, names):
        """Tag rows for `names`. New ones are created here, before the article's savepoint, so
        a failed article never leaves a cached tag whose row was rolled back."""
        if self.tags is None:
            self.tags = {tag.name.lower(): tag for tag in Tag.objects.all()}
        found = []
        for name in names:
            name = name.strip()[:TAG_MAX]
            if not slugify(name):
                continue  # a tag of symbols alone has no address to link to
            tag = self.tags.get(name.lower())
            if tag is None:
                with transaction.atomic():
                    tag = Tag.objects.create(name=name)
                self.tags[name.lower()] = tag
            found.append(tag)
        return list(dict.fromkeys(found))
