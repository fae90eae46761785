"""EXPLAIN (ANALYZE, BUFFERS) of the queries the public pages really run, on the seeded database.

Usage: .venv/bin/python bench/explain.py [--search "debat kandidat"] [--only search] > plans.md
(BENCH_DATABASE_URL as for bench/run.py). Each page is requested once through Django's test
client with the page cache off and a fresh local-memory cache, every SQL statement it runs on
news_article is captured exactly as sent, and PostgreSQL explains it with real timings.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="kpuportal.settings",
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-explain-only",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1",
    DJANGO_LOG_LEVEL="WARNING",
    DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kpu_bench"),
    REDIS_URL="",
    PAGE_CACHE_SECONDS="0",
    STATIC_ROOT=str(ROOT / "bench" / "out" / "static"),
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PLACES = ROOT / "bench" / "run.py"


def places():
    """The same article, province and kabupaten the benchmark loads (bench/run.py, PLACES)."""
    source = PLACES.read_text()
    code = re.search(r'PLACES = """(.*?)"""', source, re.S).group(1)
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(code, {})  # noqa: S102  (our own snippet, shared with run.py)
    return json.loads(output.getvalue().strip().splitlines()[-1])


def commonest_tag():
    """The tag on the most articles: the hardest tag listing (it matches half the table)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.slug FROM news_tag t JOIN news_taggedarticle i ON i.tag_id = t.id "
            "GROUP BY t.slug ORDER BY count(*) DESC LIMIT 1"
        )
        return cursor.fetchone()[0]


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="append", help='search text (repeatable; default "debat kandidat")')
    parser.add_argument("--only", action="append", help="explain only pages whose name contains this text")
    args = parser.parse_args()
    call_command("check", verbosity=0)
    where = places()
    pages = [
        ("listing page 1", "/berita/"),
        (f"listing page {where['deep_page']}", f"/berita/?page={where['deep_page']}"),
        (f"province listing ({where['province']})", f"/berita/?satker={where['province']}"),
        (f"kabupaten listing ({where['kabupaten']})", f"/berita/?satker={where['kabupaten']}"),
        ("tag listing (the commonest tag)", "/berita/?tag=" + commonest_tag()),
        *((f"search ({text})", "/cari/?" + urlencode({"q": text})) for text in args.search or ["debat kandidat"]),
        ("article", where["article_path"]),
    ]
    pages = [(name, path) for name, path in pages if not args.only or any(text in name for text in args.only)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM news_article")
        total = cursor.fetchone()[0]
    print(f"{total:,} articles. Queries on news_article only; each page fetched once, cold count cache.\n")
    client = Client()
    for name, path in pages:
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        print(f"### {name}: `{path}` (HTTP {status}, {len(captured.captured_queries)} queries in all)\n")
        for query in captured.captured_queries:
            sql = query["sql"]
            if "news_article" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            print("```sql\n" + sql + "\n```\n```\n" + explain(sql) + "\n```\n")


if __name__ == "__main__":
    main()
