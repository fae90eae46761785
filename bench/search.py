"""Search benchmark: 50 queries of the seeded vocabulary through the /cari/ view, one reader and
8 concurrent readers, p50/p99 per query class (docs/search.md, bench/RESULTS.md).

Usage: python bench/search.py [--readers 1,8] [--rounds 3] [--articles N] [--seed]
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kpu_bench), seeded by
bench/seed.py (with --seed this runs migrate, load_satker and the seeder first, as bench/run.py
does). Each reader is a process with its own Django and connection calling the view in process
(Django's test client: URL routing, middleware, the view, its SQL and the template; no HTTP
server), the page cache off, so every request searches. A request's time is the whole view.
"""

import argparse
import datetime
import multiprocessing
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kpu_bench"

# Frequencies in the seeded text (bench/seed.py: 400 words, Zipf-like): a common word is in most
# articles, the rarest single word still in about 14 %; two tail words together in about 2 %
# ("sainte lague", the mid-frequency example), three in about 0.3 %.
PROVINCE, UNIT, DIVISION = "prov-jawa-timur", "kota-kediri", "teknis-penyelenggaraan"
QUERIES = [
    ("common word", "pemilu", {}),
    ("common word", "kpu", {}),
    ("common word", "daftar", {}),
    ("common word", "suara", {}),
    ("common word", "pemilihan", {"tahun": 2022}),
    ("common word", "calon", {"satker": PROVINCE}),
    ("common word", "kampanye", {"satker": UNIT}),
    ("common word", "logistik", {"divisi": DIVISION}),
    ("common word", "pengumuman", {"jenis": "pengumuman"}),
    ("rare word", "lague", {}),
    ("rare word", "parlemen", {}),
    ("rare word", "pembagi", {"tahun": 2019}),
    ("rare word", "ambang", {"satker": PROVINCE}),
    ("rare word", "perbatasan", {"satker": UNIT}),
    ("rare word", "diaspora", {"jenis": "siaran-pers"}),
    ("rare word", "zonasi", {}),  # not in the vocabulary: no result, a suggestion
    ("two words", "sainte lague", {}),
    ("two words", "ambang batas", {}),
    ("two words", "kursi dapil", {}),
    ("two words", "rapat pleno", {}),
    ("two words", "pemilih pemula", {}),
    ("two words", "sainte lague", {"tahun": 2019}),
    ("two words", "ambang batas", {"satker": PROVINCE}),
    ("two words", "debat kandidat", {"satker": UNIT}),
    ("two words", "pekerja migran", {"divisi": DIVISION}),
    ("two words", "pemungutan ulang", {"jenis": "pengumuman"}),
    ("three words", "sainte lague kursi", {}),
    ("three words", "ambang batas parlemen", {}),
    ("three words", "pekerja migran diaspora", {}),
    ("three words", "daftar pemilih tetap", {}),
    ("three words", "penataan dapil alokasi", {"tahun": 2021}),
    ("three words", "lembaga pemasyarakatan tahanan", {"satker": PROVINCE}),
    ("three words", "rapat pleno terbuka", {"satker": UNIT}),
    ("three words", "bilangan pembagi pemilih", {"divisi": DIVISION}),
    ("phrase", '"sainte lague"', {}),
    ("phrase", '"rapat pleno"', {}),
    ("phrase", '"daftar pemilih tetap"', {}),
    ("phrase", '"ambang batas"', {"tahun": 2023}),
    ("phrase", '"pemilih pemula"', {"satker": PROVINCE}),
    ("phrase", '"pekerja migran"', {"satker": UNIT}),
    ("syntax", "pemilih -pemula", {}),
    ("syntax", "sainte OR parlemen", {}),
    ("syntax", "lague -kursi", {"tahun": 2020}),
    ("syntax", '"ambang batas" OR diaspora', {"satker": PROVINCE}),
    ("satker name", "KPU kediri", {}),
    ("satker name", "kota kediri pemilu", {}),
    ("satker name", "jawa timur logistik", {}),
    ("satker name", "papua", {}),
    ("misspelt", "pemilh", {}),
    ("misspelt", "saintte lague", {}),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(int(round(fraction * (len(ordered) - 1))), len(ordered) - 1)]


def setup_django(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kpuportal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret"),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        PAGE_CACHE_SECONDS="0",
        REDIS_URL="",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # Templates name static files; the manifest storage would need collectstatic first.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}


def reader(args):
    """One reader: every query `rounds` times in its own shuffled order; [(index, ms, results)]."""
    database_url, rounds, number = args
    setup_django(database_url)
    from django.test import Client

    client = Client()
    order = [index for index in range(len(QUERIES)) for _ in range(rounds)]
    random.Random(number).shuffle(order)
    timings = []
    for index in order:
        _, text, filters = QUERIES[index]
        started = time.perf_counter()
        response = client.get("/cari/", {"q": text, **filters})
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{text!r} {filters}: HTTP {response.status_code}")
        timings.append((index, elapsed, len(response.content)))
    return timings


def warm(database_url):
    """Each query once, so the first measured request of a class does not pay the cold cache."""
    reader((database_url, 1, -1))


def run(database_url, readers, rounds):
    with multiprocessing.get_context("spawn").Pool(readers) as pool:
        results = pool.map(reader, [(database_url, rounds, number) for number in range(readers)])
    return [timing for timings in results for timing in timings]


def table(timings, readers):
    classes = {}
    for index, elapsed, _ in timings:
        classes.setdefault(QUERIES[index][0], []).append(elapsed)
    per_query = {}
    for index, elapsed, _ in timings:
        per_query.setdefault(index, []).append(elapsed)
    worst = max(per_query, key=lambda index: statistics.median(per_query[index]))
    lines = [
        "| readers | query class | queries | requests | p50 ms | p99 ms | max ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, values in classes.items():
        count = len({index for index, _, _ in timings if QUERIES[index][0] == name})
        lines.append(
            f"| {readers} | {name} | {count} | {len(values)} | {percentile(values, 0.5):.1f} "
            f"| {percentile(values, 0.99):.1f} | {max(values):.1f} |"
        )
    every = [elapsed for _, elapsed, _ in timings]
    lines.append(
        f"| {readers} | **all 50** | 50 | {len(every)} | {percentile(every, 0.5):.1f} "
        f"| {percentile(every, 0.99):.1f} | {max(every):.1f} |"
    )
    _, text, filters = QUERIES[worst]
    slowest = f"slowest query by median: {text!r} {filters or ''} ({statistics.median(per_query[worst]):.1f} ms)"
    worst_p99 = max(per_query, key=lambda index: percentile(per_query[index], 0.99))
    slowest += f"; by p99: {QUERIES[worst_p99][1]!r} {QUERIES[worst_p99][2] or ''}"
    slowest += f" ({percentile(per_query[worst_p99], 0.99):.1f} ms)"
    return "\n".join(lines), slowest


def machine(articles):
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} cores, "
        f"load average {load} at the end, {articles} articles, Python {platform.python_version()}"
    )


def seeded_articles():
    """The articles in the database (run in the warmed-up main process)."""
    from news.models import Article

    return Article.objects.count()


def seed(database_url, articles):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SECRET_KEY": "bench-seed", "DJANGO_DEBUG": "0"}
    python = str(ROOT / ".venv" / "bin" / "python")
    for command in (["migrate", "--verbosity", "0"], ["load_satker"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    subprocess.run([python, str(ROOT / "bench" / "seed.py"), database_url, str(articles)], cwd=ROOT, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", default="1,8", help="comma-separated reader counts (default 1,8)")
    parser.add_argument("--rounds", type=int, default=3, help="times each reader runs each query (default 3)")
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", "10000")))
    parser.add_argument("--seed", action="store_true", help="migrate and seed --articles first (bench/run.py did)")
    options = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if options.seed:
        seed(database_url, options.articles)
    warm(database_url)
    articles = seeded_articles()
    for readers in (int(value) for value in options.readers.split(",")):
        timings = run(database_url, readers, options.rounds)
        lines, slowest = table(timings, readers)
        print(f"\n{machine(f'{articles:,}')}; {readers} concurrent reader(s), {options.rounds} rounds\n")
        print(lines)
        print(f"\n{slowest}", flush=True)


if __name__ == "__main__":
    main()
