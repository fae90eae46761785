"""Full-text search over title, lead and body.

PostgreSQL: the `indonesian` text-search configuration (stemming: "pemilihan" finds
"pilih"), ranked (title over lead over body), with highlighted snippets. SQLite: a plain
case-insensitive match, so development and tests work without PostgreSQL.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

CONFIG = "indonesian"
MARK_START, MARK_END = "\u2983", "\u2984"  # sentinels, swapped for <mark> after escaping
SNIPPET_WORDS = 30


def uses_postgres():
    return connection.vendor == "postgresql"


def search(queryset, text):
    """Articles matching `text`, best first; each carries `snippet_raw` for `snippet()`."""
    if not uses_postgres():
        match = Q(title__icontains=text) | Q(lead__icontains=text) | Q(body__icontains=text)
        return queryset.filter(match).annotate(snippet_raw=Concat("lead", Value(" "), "body", output_field=TextField()))
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    # search_vector is kept by a trigger (migration 0006) and GIN-indexed.
    plain_body = Func(F("body"), Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace")
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .annotate(
            snippet_raw=SearchHeadline(
                Func(F("lead"), Value(" "), plain_body, function="concat", output_field=TextField()),
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=15,
            )
        )
        .order_by("-rank", "-published_at", "-id")
    )


def window_around(plain, text, width=SNIPPET_WORDS * 8):
    """About `width` characters of `plain` around the first match of `text`, cut at words."""
    position = max(plain.lower().find(text.lower()), 0)
    start = max(position - width // 3, 0)
    start = plain.rfind(" ", 0, start) + 1 if start else 0
    end = plain.find(" ", start + width)
    end = len(plain) if end == -1 else end
    return ("… " if start else "") + plain[start:end].strip() + (" …" if end < len(plain) else "")


def snippet(raw, text=""):
    """Safe HTML: the snippet escaped, with the matched words in <mark>."""
    plain = html.unescape(strip_tags(raw or ""))
    if not uses_postgres() and text:
        plain = window_around(plain, text)
        plain = re.sub(re.escape(text), lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", plain, flags=re.IGNORECASE)
    marked = escape(plain).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(marked)
