"""Soak test (docs/security.md): 50 concurrent readers for 5 minutes against gunicorn on loopback,
on a freshly seeded PostgreSQL database with Redis, while an editor publishes every 10 seconds.

Pass: zero 5xx answers, zero lost views (every reader's first view of an article, answered 200 by
the beacon, is in the database after the final flush) and every new article visible on the
listing and at its own address within a second of being published.

With --edge, the readers go through the shipped Varnish (bench/edge.py) in front of --app-servers
gunicorn servers, on a database seeded with --articles articles (bench/seed.py), with a long tail:
most views on the newest articles (Zipf over the newest 200, each view followed by its beacon),
listings and homes, and crawlers reading old articles uniformly from the whole archive. It also
reports the share of Varnish HITs per class of request and the requests that reached Django per
second; the new articles must be visible within a second through Varnish.

Bounded: --duration seconds (default 300) and --readers threads (default 50); loopback only; it
stops by itself and stops every process it started (gunicorn's whole process group), also on
Ctrl-C or an error. Not part of CI. Run with `make soak` (SOAK_ARGS="--duration 60", or
SOAK_ARGS="--edge --app-servers 2 --duration 120").

Environment: SOAK_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kpu_h_hardening; the
database is dropped and made again), SOAK_REDIS_URL (default redis://127.0.0.1:6379/11; that Redis
database is emptied), SOAK_PORT (default 8766; with --edge the app servers take the next ports too),
SOAK_WORKERS (default 2 per core, per app server).
"""

import argparse
import datetime
import itertools
import json
import os
import platform
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
CRAWLER_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
NATIONAL_HOST = "www.kpu.go.id"
VISIBLE_WITHIN = 1.0  # seconds
HOT_ARTICLES = 200  # the newest articles, where most readers go (Zipf over them)
HARD_LIMIT_EXTRA = 120  # seconds beyond --duration after which everything is stopped regardless


def server_env(args):
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DJANGO_SECRET_KEY": "soak-" + secrets.token_hex(24),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Every reader comes from 127.0.0.1 and reads many articles a minute: lift the per-visitor
        # and per-network limits so every first view must count.
        "KPU_VIEW_VISITOR_RATE": "1000000",
        "KPU_VIEW_NETWORK_RATE": "1000000",
        "KPU_VIEW_NETWORK_TOTAL_RATE": "1000000",
        "KPU_VIEW_FLUSH_SECONDS": "10",
        "KPU_API_RATE": "1000000/minute",
    }


def manage(env, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(args, env):
    parts = urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit(f"The soak test runs on loopback only; {parts.hostname} is not.")
    connection = [
        f"--host={parts.hostname}",
        f"--port={parts.port or 5432}",
        f"--username={parts.username or 'postgres'}",
    ]
    subprocess.run(["dropdb", "--if-exists", *connection, name], check=True)
    subprocess.run(["createdb", *connection, name], check=True)
    redis_db = urlsplit(args.redis_url)
    subprocess.run(
        ["redis-cli", "-h", redis_db.hostname, "-p", str(redis_db.port or 6379), "-n", redis_db.path.lstrip("/") or "0",
         "FLUSHDB"], check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    print(f"Seeding {name} (migrate, 553 satker, demo news) ...", flush=True)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_satker")
    if args.edge:  # an archive with a long tail, for the crawlers
        subprocess.run([PYTHON, str(ROOT / "bench" / "seed.py"), args.database_url, str(args.articles)], check=True)
    else:
        manage(env, "seed_demo", "--force")  # production settings: the demo accounts on purpose
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def start_server(args, env, port=None):
    port = port or args.port
    command = [
        GUNICORN, "kpuportal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
        "--worker-class", "gthread", "--threads", "4", "--access-logfile", "/dev/null", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(base + "/readyz", timeout=1).status_code == 200:
                return server, base
        except requests.RequestException:
            pass
        time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not become ready in 20 s.")


def stop(server):
    """Stop gunicorn and every worker it forked (its own process group)."""
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.server_errors = []
        self.latencies = defaultdict(list)
        self.viewed = set()  # (reader, article id) answered 200 by the beacon: each must count once
        self.published = []  # (title, seconds until visible)
        self.cache = defaultdict(Counter)  # kind -> X-Cache (through Varnish) -> answers

    def record(self, kind, response, started):
        with self.lock:
            self.statuses[response.status_code] += 1
            self.cache[kind][response.headers.get("X-Cache", "none")] += 1
            self.latencies[kind].append(time.monotonic() - started)
            if response.status_code >= 500:
                self.server_errors.append(f"{response.status_code} {kind} {response.url}")


class Articles:
    """The public articles readers pick from; the editor adds each new one."""

    def __init__(self, items):
        self.lock = threading.Lock()
        self.items = list(items)  # (id, path, its satker's domain), oldest first
        # Zipf's law over the newest: the newest article is read twice as often as the second.
        self.hot_weights = list(itertools.accumulate(1 / rank for rank in range(1, HOT_ARTICLES + 1)))

    def pick(self, rng):
        with self.lock:
            return rng.choice(self.items)

    def pick_hot(self, rng):
        rank = rng.choices(range(HOT_ARTICLES), cum_weights=self.hot_weights)[0]
        with self.lock:
            return self.items[-1 - min(rank, len(self.items) - 1)]

    def add(self, item):
        with self.lock:
            self.items.append(item)


def reader(number, base, articles, results, stop_at):
    rng = random.Random(number)
    visitor = uuid.uuid4().hex
    with requests.Session() as http:
        http.headers["User-Agent"] = BROWSER_UA
        while time.monotonic() < stop_at:
            kind = rng.choices(["home", "listing", "article", "feed", "search"], [2, 2, 5, 0.5, 0.5])[0]
            started = time.monotonic()
            try:
                if kind == "article":
                    article_id, path, _host = articles.pick(rng)
                    results.record(kind, http.get(base + path, timeout=10), started)
                    started = time.monotonic()
                    beacon = http.post(
                        base + "/kunjungan/", data={"artikel": article_id}, timeout=10,
                        headers={"Sec-Fetch-Site": "same-origin", "Cookie": f"kpu_pengunjung={visitor}"},
                    )  # fmt: skip
                    results.record("beacon", beacon, started)
                    if beacon.status_code == 200:
                        with results.lock:
                            results.viewed.add((number, article_id))
                else:
                    path = {"home": "/", "listing": "/berita/", "feed": "/berita/rss/", "search": "/cari/?q=pemilu"}
                    results.record(kind, http.get(base + path[kind], timeout=10), started)
            except requests.RequestException as exc:
                with results.lock:
                    results.statuses[type(exc).__name__] += 1


def edge_reader(number, base, articles, results, stop_at):
    """A reader through Varnish, with the production hosts: mostly the newest articles (and
    their beacon), then listings and homes; one request in ten is a crawler's, anywhere in the
    archive."""
    rng = random.Random(number)
    visitor = uuid.uuid4().hex
    with requests.Session() as http:
        while time.monotonic() < stop_at:
            kind = rng.choices(["hot article", "listing", "crawler"], [6, 3, 1])[0]
            started = time.monotonic()
            try:
                if kind == "crawler":
                    _article_id, path, host = articles.pick(rng)
                    results.record(kind, edge_get(http, base, host, path, CRAWLER_UA), started)
                elif kind == "listing":
                    _article_id, _path, satker_host = articles.pick_hot(rng)
                    listings = [(NATIONAL_HOST, "/"), (NATIONAL_HOST, "/berita/"), (NATIONAL_HOST, "/berita/rss/")]
                    host, path = rng.choice([*listings, (satker_host, "/")])
                    results.record(kind, edge_get(http, base, host, path), started)
                else:
                    article_id, path, host = articles.pick_hot(rng)
                    results.record(kind, edge_get(http, base, host, path), started)
                    started = time.monotonic()
                    beacon = http.post(
                        base + "/kunjungan/", data={"artikel": article_id}, timeout=10,
                        headers={**edge_headers(host), "Sec-Fetch-Site": "same-origin",
                                 "Cookie": f"kpu_pengunjung={visitor}"},
                    )  # fmt: skip
                    results.record("beacon", beacon, started)
                    if beacon.status_code == 200:
                        with results.lock:
                            results.viewed.add((number, article_id))
            except requests.RequestException as exc:
                with results.lock:
                    results.statuses[type(exc).__name__] += 1


def edge_headers(host, agent=BROWSER_UA):
    """As nginx forwards a reader's request to Varnish."""
    return {"Host": host, "X-Forwarded-Proto": "https", "User-Agent": agent}


def edge_get(http, base, host, path, agent=BROWSER_UA):
    return http.get(base + path, headers=edge_headers(host, agent), timeout=10)


def editor(base, articles, results, stop_at, every, edge=False):
    from django.utils import timezone  # noqa: PLC0415  (Django is set up by main())

    from news.models import Article, Status  # noqa: PLC0415
    from news.newsroom import revisions  # noqa: PLC0415
    from satker.models import Satker  # noqa: PLC0415

    kediri = Satker.objects.get(slug="kota-kediri")
    number = 0
    with requests.Session() as http:
        while time.monotonic() + every < stop_at:
            time.sleep(every)
            number += 1
            title = f"Uji ketahanan {number}: rapat pleno {uuid.uuid4().hex[:6]}"
            article = Article.objects.create(
                satker=kediri, title=title, lead="Berita uji ketahanan.", body="<p>Isi berita uji.</p>",
                dateline="Kediri", status=Status.PUBLISHED, published_at=timezone.now(),
            )  # fmt: skip
            revisions.record(article, None, note="soak")
            published = time.monotonic()
            path = article.get_absolute_url()
            # Visible after: from the commit to the start of the first check that finds the article
            # on the listing and at its address (what any reader asking from then on gets); the
            # check's own response time under load is reported apart, as the page latencies.
            seen = None
            while time.monotonic() - published < 10:
                asked = time.monotonic()
                if edge:  # what readers of the national listing and of the article get from Varnish
                    listing = edge_get(http, base, NATIONAL_HOST, "/berita/")
                    page = edge_get(http, base, kediri.domain, path)
                else:
                    listing = http.get(base + "/berita/", timeout=10)
                    page = http.get(base + path, timeout=10)
                if title in listing.text and page.status_code == 200:
                    seen = asked - published
                    break
                time.sleep(0.05)
            with results.lock:
                results.published.append((title, seen))
            articles.add((article.pk, path, kediri.domain))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds of load (default 300)")
    parser.add_argument("--readers", type=int, default=50, help="concurrent readers (default 50)")
    parser.add_argument("--publish-every", type=float, default=10.0, help="seconds between publications")
    parser.add_argument("--skip-seed", action="store_true", help="reuse the database as it is")
    parser.add_argument("--edge", action="store_true", help="readers through Varnish, with a long tail")
    parser.add_argument("--app-servers", type=int, default=1, help="gunicorn servers behind Varnish (--edge)")
    parser.add_argument("--articles", type=int, default=20000, help="articles to seed with --edge (bench/seed.py)")
    args = parser.parse_args()
    args.database_url = os.environ.get("SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kpu_h_hardening")
    args.redis_url = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/11")
    args.port = int(os.environ.get("SOAK_PORT", "8766"))
    args.workers = int(os.environ.get("SOAK_WORKERS", str(2 * (os.cpu_count() or 1))))
    if not (1 <= args.duration <= 3600 and 1 <= args.readers <= 500 and 1 <= args.app_servers <= 8):
        sys.exit("--duration must be 1..3600 seconds, --readers 1..500 and --app-servers 1..8.")

    sys.path.insert(0, str(ROOT))
    env = server_env(args)
    if not args.skip_seed:
        prepare(args, env)
    varnish = None
    if args.edge:
        from bench import edge  # noqa: PLC0415  (needs varnishd)

        ports = [args.port + number for number in range(args.app_servers)]
        varnish = edge.varnish([("127.0.0.1", port) for port in ports])
        # The app servers and this process (the editor's) purge it; readers ask for production hosts.
        env["KPU_EDGE_VARNISH_URLS"] = varnish.url
        env["DJANGO_ALLOWED_HOSTS"] += ",.kpu.go.id"
    shared = ["DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT"]
    os.environ.update({name: env[name] for name in [*shared, "DJANGO_ALLOWED_HOSTS", "DJANGO_LOG_LEVEL"]})
    if args.edge:
        os.environ["KPU_EDGE_VARNISH_URLS"] = env["KPU_EDGE_VARNISH_URLS"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpuportal.settings")
    import django  # noqa: PLC0415

    django.setup()
    from django.db.models import Sum  # noqa: PLC0415

    from news.models import Article  # noqa: PLC0415

    before = dict(Article.objects.values_list("pk", "view_count"))
    published = Article.objects.published().select_related("satker").order_by("published_at", "pk")
    pool = Articles((a.pk, a.get_absolute_url(), a.satker.domain) for a in published)
    servers = []
    watchdog = None

    def stop_all():
        for server in servers:
            stop(server)
        if varnish:
            varnish.close()

    try:
        for number in range(args.app_servers if args.edge else 1):
            server, base = start_server(args, env, args.port + number)
            servers.append(server)
        if varnish:
            base = varnish.start().url
            at_start = edge.counters(varnish)
        # A last resort: whatever happens, nothing outlives the run by more than HARD_LIMIT_EXTRA seconds.
        watchdog = threading.Timer(args.duration + HARD_LIMIT_EXTRA, lambda: (stop_all(), os._exit(3)))
        watchdog.daemon = True
        watchdog.start()
        results = Results()
        behind = f" (Varnish in front of {args.app_servers} app servers)" if args.edge else ""
        print(
            f"{args.readers} readers for {args.duration} s on {base}{behind}, {args.workers} gunicorn workers ...",
            flush=True,
        )
        started = time.monotonic()
        stop_at = started + args.duration
        read = edge_reader if args.edge else reader
        threads = [threading.Thread(target=read, args=(n, base, pool, results, stop_at)) for n in range(args.readers)]
        threads.append(
            threading.Thread(target=editor, args=(base, pool, results, stop_at, args.publish_every, args.edge))
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1, stop_at - time.monotonic() + 30))
        elapsed = time.monotonic() - started
        if varnish:
            at_end = edge.counters(varnish)
            to_backends = {name: at_end[name] - at_start[name] for name in at_end}
        time.sleep(2)  # each worker pushes its buffered views twice a second
        manage(env, "flush_views")
    finally:
        stop_all()
        if watchdog:
            watchdog.cancel()

    after = dict(Article.objects.values_list("pk", "view_count"))
    expected = Counter(article_id for _reader, article_id in results.viewed)
    lost = sum(max(0, n - (after.get(pk, 0) - before.get(pk, 0))) for pk, n in expected.items())
    extra = sum(max(0, (after.get(pk, 0) - before.get(pk, 0)) - expected.get(pk, 0)) for pk in after)
    visible = [seconds for _title, seconds in results.published]
    late = [title for title, seconds in results.published if seconds is None or seconds > VISIBLE_WITHIN]
    requests_done = sum(v for k, v in results.statuses.items() if isinstance(k, int))
    all_latencies = [s for values in results.latencies.values() for s in values]
    summary = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "readers": args.readers,
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "requests": requests_done,
        "requests_per_second": round(requests_done / elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(results.statuses.items(), key=lambda kv: str(kv[0]))},
        "server_errors": len(results.server_errors),
        "p50_ms": round(percentile(all_latencies, 0.5) * 1000, 1),
        "p99_ms": round(percentile(all_latencies, 0.99) * 1000, 1),
        "per_page_p99_ms": {k: round(percentile(v, 0.99) * 1000, 1) for k, v in sorted(results.latencies.items())},
        "views_expected": sum(expected.values()),
        "views_counted": sum(after.get(pk, 0) - before.get(pk, 0) for pk in after),
        "views_lost": lost,
        "views_extra": extra,
        "total_views_in_database": Article.objects.aggregate(total=Sum("view_count"))["total"],
        "published": len(results.published),
        "visible_max_s": round(max((s for s in visible if s is not None), default=0), 3),
        "visible_median_s": round(statistics.median([s for s in visible if s is not None] or [0]), 3),
        "published_late": late,
    }
    if args.edge:
        summary["app_servers"] = args.app_servers
        summary["articles"] = len(pool.items)
        summary["edge_hit_ratio"] = {
            kind: f"{answers['HIT'] / sum(answers.values()):.1%} of {sum(answers.values())}"
            for kind, answers in sorted(results.cache.items())
            if kind != "beacon"
        }
        summary["edge_answers"] = {kind: dict(answers) for kind, answers in sorted(results.cache.items())}
        summary["requests_to_django_per_second"] = round(to_backends["backend_req"] / elapsed, 1)
        summary["varnish_to_app_servers"] = to_backends
    print(json.dumps(summary, indent=2))
    failed = results.server_errors or lost or late
    for line in results.server_errors[:20]:
        print("5xx:", line)
    print("SOAK FAILED" if failed else "SOAK PASSED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
