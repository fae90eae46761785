"""The words a search matches, and on SQLite the FTS5 index that holds them.

Both databases stem with the same Snowball algorithm: PostgreSQL's built-in `indonesian`
configuration is the Snowball `indonesian_stem` dictionary, and the `snowballstemmer` package
generates Python from the same Snowball source, so "memilih", "pemilih" and "pemilihan" all
become "pilih" on both (tests/news/public/test_search_semantics.py checks it on both).

On SQLite the index is an FTS5 table of stemmed words (title, lead, body without HTML) kept in
step by triggers on news_article, so every write path keeps it: the admin, the importers' bulk
inserts, queryset updates, deletes. The triggers call `kpu_search_text`, a Python function this
module registers on every SQLite connection Django opens (a connection opened outside Django,
such as the sqlite3 shell, cannot write articles: "no such function"). A second, contentless
FTS5 table holds the titles' own words for "Mungkin maksud Anda" (news/public/search.py).
"""

import functools
import html
import re

import snowballstemmer

WORD = re.compile(r"[^\W_]+")  # letters and digits: "_" separates, as for FTS5 unicode61 and PostgreSQL
TAG = re.compile(r"<[^>]*>")  # the same rule as PostgreSQL's trigger (migration 0006)
_stemmer = snowballstemmer.stemmer("indonesian")

FTS_TABLE = "news_article_fts"
TITLE_WORDS_TABLE = "news_title_words"
TITLE_VOCABULARY_TABLE = "news_title_words_vocab"


@functools.lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer.stemWord(word.lower())


def words(text):
    return WORD.findall((text or "").lower())


def search_text(text):
    """The stems of `text` without its HTML, space-separated: what the FTS5 index holds."""
    plain = html.unescape(TAG.sub(" ", text or ""))
    return " ".join(stem(word) for word in words(plain))


def register_functions(sender, connection, **kwargs):
    """connection_created receiver: the SQL function the SQLite triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kpu_search_text", 1, search_text, deterministic=True)


INDEX_ROW = "kpu_search_text({0}.title), kpu_search_text({0}.lead), kpu_search_text({0}.body)"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, lead, body, tokenize='unicode61')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_WORDS_TABLE} USING fts5(title, content='', tokenize='unicode61')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_VOCABULARY_TABLE} USING fts5vocab({TITLE_WORDS_TABLE}, 'row')",
    f"""CREATE TRIGGER IF NOT EXISTS news_article_fts_insert AFTER INSERT ON news_article BEGIN
      INSERT INTO {FTS_TABLE} (rowid, title, lead, body) VALUES (NEW.id, {INDEX_ROW.format("NEW")});
      INSERT INTO {TITLE_WORDS_TABLE} (rowid, title) VALUES (NEW.id, NEW.title);
    END""",
    # A contentless table forgets a row by being told its old values: OLD.title is exactly what went in.
    f"""CREATE TRIGGER IF NOT EXISTS news_article_fts_delete AFTER DELETE ON news_article BEGIN
      DELETE FROM {FTS_TABLE} WHERE rowid = OLD.id;
      INSERT INTO {TITLE_WORDS_TABLE} ({TITLE_WORDS_TABLE}, rowid, title) VALUES ('delete', OLD.id, OLD.title);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS news_article_fts_update AFTER UPDATE OF title, lead, body ON news_article
    BEGIN
      DELETE FROM {FTS_TABLE} WHERE rowid = OLD.id;
      INSERT INTO {TITLE_WORDS_TABLE} ({TITLE_WORDS_TABLE}, rowid, title) VALUES ('delete', OLD.id, OLD.title);
      INSERT INTO {FTS_TABLE} (rowid, title, lead, body) VALUES (NEW.id, {INDEX_ROW.format("NEW")});
      INSERT INTO {TITLE_WORDS_TABLE} (rowid, title) VALUES (NEW.id, NEW.title);
    END""",
]
SQLITE_FILL = [
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {TITLE_WORDS_TABLE} ({TITLE_WORDS_TABLE}) VALUES ('delete-all')",
    f"INSERT INTO {FTS_TABLE} (rowid, title, lead, body) SELECT id, {INDEX_ROW.format('a')} FROM news_article a",
    f"INSERT INTO {TITLE_WORDS_TABLE} (rowid, title) SELECT id, title FROM news_article",
    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS news_article_fts_insert",
    "DROP TRIGGER IF EXISTS news_article_fts_delete",
    "DROP TRIGGER IF EXISTS news_article_fts_update",
    f"DROP TABLE IF EXISTS {TITLE_VOCABULARY_TABLE}",
    f"DROP TABLE IF EXISTS {TITLE_WORDS_TABLE}",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# PostgreSQL: the title words "Mungkin maksud Anda" looks up by trigram similarity. Kept by a
# trigger (a word once in a title stays: a suggestion is only shown when it finds articles).
POSTGRES_CREATE = r"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS news_title_word (word text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS news_title_word_trgm ON news_title_word USING gin (word gin_trgm_ops);
CREATE OR REPLACE FUNCTION news_title_word_add() RETURNS trigger AS $$
BEGIN
  INSERT INTO news_title_word (word)
    SELECT lower(w) FROM regexp_split_to_table(NEW.title, '\W+') AS w WHERE length(w) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS news_title_word_update ON news_article;
-- The newest matches in two steps (news/public/search.py newest_ids): the recent query as planned;
-- when it holds fewer than `wanted`, the query over all years, for a phrase with walks and full
-- scans off so the text index finds the matches (the planner misjudges phrases; SET undone at exit).
CREATE OR REPLACE FUNCTION news_newest_ids(recent_sql text, every_sql text, wanted int, from_index boolean)
RETURNS SETOF bigint LANGUAGE plpgsql SET enable_seqscan = on SET enable_indexscan = on AS $$
DECLARE ids bigint[];
BEGIN
  EXECUTE 'SELECT array(' || recent_sql || ')' INTO ids;
  IF coalesce(array_length(ids, 1), 0) >= wanted THEN
    RETURN QUERY SELECT unnest(ids);
    RETURN;
  END IF;
  IF from_index THEN
    PERFORM set_config('enable_seqscan', 'off', true);
    PERFORM set_config('enable_indexscan', 'off', true);
  END IF;
  RETURN QUERY EXECUTE every_sql;
END
$$;
CREATE TRIGGER news_title_word_update AFTER INSERT OR UPDATE OF title ON news_article
  FOR EACH ROW EXECUTE FUNCTION news_title_word_add();
"""
POSTGRES_FILL = r"""
INSERT INTO news_title_word (word)
  SELECT DISTINCT lower(w) FROM news_article, regexp_split_to_table(title, '\W+') AS w
  WHERE length(w) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS news_title_word_update ON news_article;
DROP FUNCTION IF EXISTS news_title_word_add();
DROP FUNCTION IF EXISTS news_newest_ids(text, text, int, boolean);
DROP TABLE IF EXISTS news_title_word;
"""


# PostgreSQL with the RUM extension (Debian: postgresql-15-rum): a text index that keeps word
# positions, so a phrase ("daftar pemilih tetap") is checked in the index instead of on every
# article holding its words (23 s at a million articles with GIN alone; docs/search.md).
RUM_INDEX = "news_article_search_rum"
# It replaces migration 0006's GIN index: with both, PostgreSQL picks GIN for its lower cost guess
# and rechecks a phrase on every article holding the words.
RUM_CREATE = f"""
CREATE EXTENSION IF NOT EXISTS rum;
CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON news_article USING rum (search_vector rum_tsvector_ops);
DROP INDEX IF EXISTS news_article_search_vector_gin;
"""
RUM_DROP = f"""
CREATE INDEX IF NOT EXISTS news_article_search_vector_gin ON news_article USING gin (search_vector);
DROP INDEX IF EXISTS {RUM_INDEX};
"""


def run(connection, sqlite_statements, postgres_sql):
    """Execute the statements for `connection`'s database (none on another)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in sqlite_statements:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute(postgres_sql)


def create(connection):
    """The index's tables, triggers and indexes, where missing (the migration; rebuild_search_index)."""
    run(connection, SQLITE_CREATE, POSTGRES_CREATE)
    if connection.vendor == "postgresql":
        create_rum_index(connection)


def create_rum_index(connection):
    """The RUM index when the server has the extension and we may create it; else a warning
    (searches then use the GIN index of migration 0006: phrases are slow at a million articles)."""
    from django.db import DatabaseError, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        available = cursor.fetchone() is not None
    if available:
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute(RUM_CREATE)
            return
        except DatabaseError as error:
            reason = f"CREATE EXTENSION rum failed ({error}); a superuser must run it"
    else:
        reason = "the server lacks the RUM extension (Debian: apt-get install postgresql-15-rum)"
    print(f"\n  Search: {reason}. Search works without it, slower at a million articles (docs/search.md).")


def fill(connection):
    """Index every article afresh (the migration's backfill, and rebuild_search_index)."""
    run(connection, SQLITE_FILL, POSTGRES_FILL)


def drop(connection):
    run(connection, SQLITE_DROP, RUM_DROP + POSTGRES_DROP)


def restore_sqlite_triggers(sender, using, **kwargs):
    """post_migrate receiver: on SQLite, Django alters a table by copying it to a new one, which
    drops its triggers; put them back after every migrate so the index keeps in step."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite" and FTS_TABLE in connection.introspection.table_names():
        run(connection, SQLITE_CREATE, "")
