"""Full-text search over title, lead and body, the same on PostgreSQL and SQLite (docs/search.md).

The query syntax is read once (news/public/search_syntax.py: words, "phrases", -exclusion, OR) and
written out for the database: a to_tsquery on PostgreSQL (the `indonesian` configuration, search
vector kept by migration 0006's trigger), an FTS5 MATCH on SQLite (Indonesian Snowball stems, index
kept by migration 0010's triggers). Both stem with the same Snowball algorithm, so "memilih" finds
"pemilih" and "pemilihan" on both.

Order: articles of a satker the query names ("KPU kediri") first, then an exact title, then
relevance (title over lead over body), then the newest.
"""

import difflib
import html
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from news.public.search_syntax import MAX_TERMS, Query, Term, parse
from news.search_index import FTS_TABLE, TAG, TITLE_VOCABULARY_TABLE, WORD, stem, words
from satker.directory_cache import directory

CONFIG = "indonesian"
SNIPPET_WORDS = 30
WINDOW = 500  # PostgreSQL ranks the newest WINDOW matches (docs/search.md: why, and the numbers)
RECENT = timedelta(days=30)  # the newest window is looked for here first
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0  # SQLite's bm25 column weights
# Words every satker name shares: naming them alone names no satker.
SATKER_WORDS = {"kpu", "kip", "provinsi", "kabupaten", "kab", "kota", "ri", "adm", "administrasi"}


def uses_postgres():
    return connection.vendor == "postgresql"


def text_match(query):
    """A Q for the articles whose text matches `query` (a non-empty Query)."""
    if uses_postgres():
        return Q(search_vector=SearchQuery(query.tsquery(), search_type="raw", config=CONFIG))
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query.fts5()]))


def named_satker(query):
    """(ids of the satker the query names, the query without their names) for a one-group query
    whose plain words hold every word of a satker's place name ("KPU Kota Kediri", "kediri
    pemilu"). With the kind of unit typed ("kota"), only the units of that kind."""
    if len(query.groups) != 1:
        return [], query
    group = query.groups[0]
    typed = {term.words[0] for term in group if len(term.words) == 1 and not term.negated}
    found = []
    for satker in directory().by_id.values():
        name = set(words(satker.name))
        place = name - SATKER_WORDS
        if place and place <= typed:
            found.append((satker, place, name & SATKER_WORDS & typed))
    if not found:
        return [], query
    best = max(len(kinds) for _, _, kinds in found)
    found = [entry for entry in found if len(entry[2]) == best]
    named = set().union(*(place | kinds for _, place, kinds in found)) | (typed & SATKER_WORDS)
    rest = [term for term in group if term.negated or len(term.words) > 1 or term.words[0] not in named]
    return sorted(satker.pk for satker, _, _ in found), Query([rest])


def matching(queryset, text):
    """The articles of `queryset` that `text` finds, unordered and unannotated (the API)."""
    return matching_with_satker(queryset, parse(text))[0]


def matching_with_satker(queryset, query):
    if not query:
        return queryset.none(), []
    satker_ids, rest = named_satker(query)
    condition = text_match(query)
    if satker_ids:
        own = Q(satker_id__in=satker_ids)
        if any(not term.negated for term in rest.groups[0]):
            own &= text_match(rest)
        excluded = [Term(term.words) for term in rest.groups[0] if term.negated]
        if excluded:
            own &= ~text_match(Query([[term] for term in excluded]))
        condition |= own
    return queryset.filter(condition), satker_ids


def search(queryset, text):
    """Articles of `queryset` matching `text`, best first; each carries `snippet_raw` for `snippet()`."""
    text = text.replace("\x00", "")  # PostgreSQL refuses NUL in a string (the site's form refuses it first)
    query = parse(text)
    queryset, satker_ids = matching_with_satker(queryset, query)
    if not query:
        return queryset
    exact_title = Case(When(title__iexact=text.strip(), then=1), default=0, output_field=IntegerField())
    queryset = queryset.annotate(exact_title=exact_title)
    first = ["-exact_title"]
    if satker_ids:  # (a Case over an empty list would be a constant, which ORDER BY reads as a position)
        queryset = queryset.annotate(
            own_satker=Case(When(satker_id__in=satker_ids, then=1), default=0, output_field=IntegerField())
        )
        first.insert(0, "-own_satker")
    if uses_postgres():
        rank = SearchRank(F("search_vector"), SearchQuery(query.tsquery(), search_type="raw", config=CONFIG))
        ordering = [*first, "-rank", "-published_at", "-id"]
    else:
        # bm25 is negative, lower is better; an article found only by its satker's name ranks last.
        rank = Coalesce(
            RawSQL(
                f"(SELECT bm25({FTS_TABLE}, {TITLE_WEIGHT}, {LEAD_WEIGHT}, {BODY_WEIGHT}) FROM {FTS_TABLE}"
                f" WHERE {FTS_TABLE} MATCH %s AND rowid = news_article.id)",
                [query.fts5()],
                output_field=FloatField(),
            ),
            0.0,
        )
        ordering = [*first, "rank", "-published_at", "-id"]
    # The snippet is cut and marked in Python (snippet()) from the same stems on both databases:
    # ts_headline ran over all 500 rows of the window before the page's 20 were picked.
    snippet_raw = Concat("lead", Value(" "), "body", output_field=TextField())
    return queryset.annotate(rank=rank, snippet_raw=snippet_raw).order_by(*ordering)


def newest_window(queryset, text):
    """(the search results limited to the newest WINDOW matches, whether more matched).

    On PostgreSQL ranking every match of a common word (half of a million articles) takes
    seconds, so the newest WINDOW matches are ranked and the page says so ("persempit dengan
    tahun": a year filter moves the window). SQLite ranks all matches.
    """
    if not uses_postgres() or queryset.query.is_empty():
        return queryset, False
    has_phrase = any(len(term.words) > 1 for group in parse(text).groups for term in group)
    ids = newest_ids(queryset, WINDOW + 1, from_index=has_phrase)
    capped = len(ids) > WINDOW
    ids = ids[:WINDOW]
    if capped and "own_satker" in queryset.query.annotations:
        # The named satker's own newest matches stay in the window, however old.
        own = queryset.filter(own_satker=1).order_by("-published_at", "-id").values_list("pk", flat=True)
        ids += list(own[:WINDOW])
    return queryset.filter(pk__in=ids), capped


def newest_ids(queryset, limit, from_index):
    """The ids of the newest `limit` matches, in one query of two steps (the SQL function
    news_newest_ids, migration 0010).

    First the last month: a common word fills the window there, PostgreSQL walking the
    newest-first index or intersecting the month with the text index, whichever it prefers.
    Only when the month holds too few, the newest of all years; for a phrase (`from_index`) all
    matches come from the text index and are sorted, with index walks and full scans off:
    PostgreSQL misjudges phrases ("rapat pleno": 144,298 guessed, 1,685 found) and would scan
    every article, 5.7 s at a million, or walk them newest first ("sainte lague": 50 s), against
    a fraction of a second from the index. Words alone it judges well.
    """
    matches = queryset.values_list("pk", flat=True)
    recent = matches.filter(published_at__gte=timezone.now() - RECENT).order_by("-published_at", "-id")
    every = matches.order_by("-published_at", "-id")
    with connection.cursor() as cursor:
        steps = [cursor.mogrify(*step[:limit].query.sql_with_params()).decode() for step in (recent, every)]
        cursor.execute("SELECT news_newest_ids(%s, %s, %s, %s)", [*steps, limit, from_index])
        return [row[0] for row in cursor.fetchall()]


def passage(plain, stems, width=SNIPPET_WORDS * 8):
    """About `width` characters of `plain` around the first word with one of `stems`, cut at words."""
    found = [match for match in WORD.finditer(plain) if stem(match.group()) in stems]
    position = found[0].start() if found else 0
    start = max(position - width // 3, 0)
    start = plain.rfind(" ", 0, start) + 1 if start else 0
    end = plain.find(" ", start + width)
    end = len(plain) if end == -1 else end
    return ("… " if start else "") + plain[start:end].strip() + (" …" if end < len(plain) else "")


def marked(plain, stems):
    """`plain` escaped, its words with one of `stems` in <mark>."""
    parts, done = [], 0
    for match in WORD.finditer(plain):
        if stem(match.group()) in stems:
            parts += [escape(plain[done : match.start()]), "<mark>", escape(match.group()), "</mark>"]
            done = match.end()
    parts.append(escape(plain[done:]))
    return "".join(parts)


def snippet(raw, text=""):
    """Safe HTML: the passage of `raw` around the first word `text` finds, escaped, the matched
    words in <mark>; without `text`, all of `raw`'s text."""
    plain = " ".join(html.unescape(strip_tags(TAG.sub(" ", raw or ""))).split())  # "</p><p>": a space
    if not text:
        return escape(plain)
    stems = parse(text).stems()
    return mark_safe(marked(passage(plain, stems), stems))


def suggestion(queryset, text):
    """ "Mungkin maksud Anda": `text` with misspelt words swapped for the closest title words
    (quotes, -exclusion and OR kept), when that finds articles in `queryset`; else None."""
    typed = list(dict.fromkeys(word for word in words(text) if len(word) >= 3 and not word.isdigit()))
    fixes = {word: close for word, close in closest_title_words(typed[:MAX_TERMS]).items() if close}
    if not fixes:
        return None
    proposal = WORD.sub(lambda match: fixes.get(match.group().lower(), match.group()), text)
    return proposal if matching(queryset, proposal).exists() else None


def closest_title_words(typed):
    """{word: the title word closest in spelling, or None when `word` is a title word or none is
    close}, in one query. PostgreSQL: pg_trgm similarity over news_title_word; SQLite: difflib
    over FTS5's vocabulary of the titles' words of about the same length."""
    if not typed:
        return {}
    with connection.cursor() as cursor:
        if uses_postgres():
            cursor.execute(
                "SELECT typed, CASE WHEN EXISTS (SELECT 1 FROM news_title_word WHERE word = typed) THEN NULL"
                " ELSE (SELECT word FROM news_title_word WHERE word %% typed"
                " ORDER BY similarity(word, typed) DESC, word LIMIT 1) END"
                " FROM unnest(%s::text[]) AS typed",
                [typed],
            )
            return dict(cursor.fetchall())
        lengths = [len(word) for word in typed]
        cursor.execute(
            f"SELECT term FROM {TITLE_VOCABULARY_TABLE} WHERE length(term) BETWEEN %s AND %s",
            [min(lengths) - 2, max(lengths) + 2],
        )
        vocabulary = {row[0] for row in cursor.fetchall()}
    closest = {}
    for word in typed:
        near = [term for term in vocabulary if abs(len(term) - len(word)) <= 2]
        close = None if word in vocabulary else difflib.get_close_matches(word, near, n=1, cutoff=0.75)
        closest[word] = close[0] if close else None
    return closest
