"""Profile the uncached article page and listing page 1 in process (issue 21).

Usage: python bench/profile_pages.py DATABASE_URL [--requests 200] [--top 15] [--only article]

Each page is requested through the whole WSGI stack (middleware, view, SQL, template, request
log) with DEBUG off and the page cache off (PAGE_CACHE_SECONDS=0), no Redis (nothing is shared
with other runs), after 20 warm-up requests. Printed per page: the median and p90 ms of
`--requests` requests (wall clock, and this process's CPU, which a busy machine disturbs less),
the queries of one request after the warm-up and of the first, the response size, and
cProfile's top entries by cumulative time over another `--requests` requests. The database must
be migrated, the satker loaded and articles seeded (bench/seed.py, or `manage.py seed_demo`).
"""

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_ROOT = Path("/tmp/kpuportal-profile-static")  # not the project's staticfiles/: tests scan it


def configure(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kpuportal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="profile-only-secret-key",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        PAGE_CACHE_SECONDS="0",
        REDIS_URL="",
        STATIC_ROOT=str(STATIC_ROOT),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if not (STATIC_ROOT / "staticfiles.json").exists():  # the manifest storage needs it with DEBUG off
        from django.core.management import call_command

        call_command("collectstatic", "--noinput", verbosity=0)
    # The request log line is part of the cost, but not of the output.
    import logging

    logging.getLogger("kpuportal.requests").handlers = [logging.NullHandler()]
    logging.getLogger("kpuportal.requests").propagate = False


def pages():
    from news.models import Article
    from satker.models import Level

    article = Article.objects.published().filter(satker__level=Level.KABUPATEN).select_related("satker").first()
    return {"article": article.get_absolute_url(), "listing page 1": "/berita/"}


def make_caller():
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    handler = WSGIHandler()
    factory = RequestFactory()

    def call(path):
        environ = factory._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", SERVER_NAME="localhost")
        environ["HTTP_HOST"] = "localhost"
        status = []
        body = b"".join(handler(environ, lambda s, headers, exc_info=None: status.append(s)))
        if not status[0].startswith("200"):
            sys.exit(f"{path} answered {status[0]}")
        return body

    return call


def queries_of(call, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call(path)
    return len(captured.captured_queries)


def measure(call, path, requests):
    for _ in range(20):
        call(path)
    times, cpu_times = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        call(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)], statistics.median(cpu_times)


# The stack's top entries are the middleware chain, each wrapping the next: past it, where the
# time goes is the template (rendered_content), the ORM (execute_sql), the includes and own code.
LAYERS = r"response\.py:\d+\(rendered_content\)|compiler\.py:\d+\(execute_sql\)|loader_tags\.py:\d+\(render\)"
OWN_CODE = r"/(news|satker|pagecache|viewcount|legacy)/"


def profile(call, path, requests, top):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        call(path)
    profiler.disable()
    sections = []
    for title, restriction in [("whole stack", None), ("template, ORM, includes", LAYERS), ("own code", OWN_CODE)]:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(*([restriction] if restriction else []), top)
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        rows = [line.replace(str(ROOT) + "/", "") for line in lines[start:] if line.strip()]
        sections.append(f"### {title}, by cumulative time ({requests} requests)\n" + "\n".join(rows))
    return "\n".join(sections)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=15, help="0: timings only, no profile")
    parser.add_argument("--only", help="one page name: article, listing page 1")
    args = parser.parse_args()
    configure(args.database_url)
    from news.models import Article

    call = make_caller()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} cores, load average {load}, "
        f"{Article.objects.published().count():,} public articles, Python {platform.python_version()}, "
        f"{args.requests} requests per page, page cache off, DEBUG off"
    )
    for name, path in pages().items():
        if args.only and args.only != name:
            continue
        first = queries_of(call, path)  # a fresh process: page menu, directory and counts not yet kept
        size = len(call(path))
        median, p90, cpu = measure(call, path, args.requests)
        queries = queries_of(call, path)
        print(
            f"\n## {name} ({path}): median {median:.2f} ms, p90 {p90:.2f} ms, "
            f"median CPU of this process {cpu:.2f} ms (PostgreSQL's own time not included), "
            f"{queries} queries ({first} on the first request), {size:,} bytes"
        )
        if args.top:
            print(profile(call, path, args.requests, args.top))


if __name__ == "__main__":
    main()
