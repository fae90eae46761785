"""The old addresses of imported articles, recorded as `legacy.OldLink`s by the writer.

`legacy.links.remember()` records one URL with one query; an import records thousands, so
the writer goes through `OldLinks`: the keys a batch needs are read with one query, and the
missing rows are inserted with one statement inside the same savepoint as their articles, so
a failed article leaves no old link behind and a second run inserts nothing.

An old URL that already leads somewhere else (a redirect an editor made by hand, or another
article that claimed it first) is left as it is and named in the report's notes.
"""

from functools import lru_cache

from legacy.keys import key_for_url
from legacy.models import OldLink

URL_MAX = OldLink._meta.get_field("old_url").max_length


@lru_cache(maxsize=2048)  # asked three times per record (load, missing, insert): parse once
def keys_for(urls):
    """{key: url} for a tuple of old addresses, the first URL of each key; a URL naming no page
    (a site's home, an empty string) is left out. Treat the result as read-only."""
    keys = {}
    for url in urls:
        key = key_for_url(url) if url and url.strip() and "\x00" not in url else None
        if key is not None and key not in keys:
            keys[key] = url.strip()[:URL_MAX]
    return keys


class OldLinks:
    """What the database holds of the old links a run touches: (satker id, key) -> article id
    (None for a hand-made redirect to a path)."""

    def __init__(self, report):
        self.report = report
        self.taken = {}
        self.pending_notes = []  # reported once the savepoint holds, so a retried batch notes once

    def load(self, records):
        """Read, in one query, the keys of `records` not yet known."""
        wanted = {
            (record.satker.pk, key) for record in records for key in keys_for(tuple(record.old_urls))
        } - self.taken.keys()
        if not wanted:
            return
        rows = OldLink.objects.filter(
            satker_id__in={satker for satker, _key in wanted}, key__in={key for _satker, key in wanted}
        ).values_list("satker_id", "key", "article_id")
        for satker_id, key, article_id in rows:
            self.taken[(satker_id, key)] = article_id

    def missing(self, record):
        """True when `record` has an old address with no link yet (a re-import then adds it)."""
        return any((record.satker.pk, key) not in self.taken for key in keys_for(tuple(record.old_urls)))

    def insert(self, pairs):
        """Insert the missing links of (article, record) pairs, one statement; returns the rows.

        Call inside the articles' savepoint, then `inserted(rows)` once it is committed."""
        rows, claimed, self.pending_notes = [], {}, []
        for article, record in pairs:
            for key, url in keys_for(tuple(record.old_urls)).items():
                place = (article.satker_id, key)
                if place in self.taken or place in claimed:
                    if self.taken.get(place, claimed.get(place)) != article.pk:
                        self.pending_notes.append(f"old URL {url} already leads elsewhere; left as it is")
                    continue
                claimed[place] = article.pk
                rows.append(OldLink(satker_id=article.satker_id, key=key, old_url=url, article_id=article.pk))
        OldLink.objects.bulk_create(rows)
        return rows

    def inserted(self, rows):
        for row in rows:
            self.taken[(row.satker_id, row.key)] = row.article_id
        for note in self.pending_notes:
            self.report.note(note)
        self.pending_notes = []
