"""Benchmark harness: gunicorn on loopback with production-like settings against PostgreSQL (and
Redis), loaded by wrk from a second process; prints one table: requests/s, p50, p99, SQL queries
per request and the ratio to two baselines (the do-nothing Django view, and the article's HTML as
fixed bytes from a ten-line WSGI app, bench/fixed_bytes.py) per page, and each worker's memory.
A server with `edge = true` is its gunicorn behind the shipped Varnish (bench/edge.py): its pages
are read through Varnish, and after its rounds an edit and a publication are timed until they
show through the edge.

The pages and servers are data (bench/pages.toml). Run it with `make bench`; see
docs/deployment.md and docs/view-counter.md. Environment: BENCH_ARTICLES (articles to seed,
default 10,000; bench/seed.py), BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/kpu_bench), BENCH_WORKERS (gunicorn workers, default 2 per
core), BENCH_PORT (default 8765; servers that run together take the next ports), BENCH_REDIS_URL
(the Redis database of every server that uses one; default: each server's in pages.toml).
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
OUT = ROOT / "bench" / "out"
BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)

WRK_SCRIPT = """
wrk.method = {method}
wrk.body = {body}
{headers}
local distinct = {distinct}
local thread_tag = 0
local counter = 0
math.randomseed(os.time())
local run_tag = math.random(0, 0x7fffffff)

function setup(thread)
  thread:set("thread_tag", math.random(0, 0x7fffffff))
end

function request()
  if not distinct then
    return wrk.format()
  end
  counter = counter + 1
  local headers = {{}}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = string.format("kpu_pengunjung=%08x%08x%08x%08x", run_tag, thread_tag, 0, counter)
  return wrk.format(nil, nil, headers)
end
"""


def lua_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def base_env(database_url, port):
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + secrets.token_hex(16),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(OUT / "media"),
        STATIC_ROOT=str(OUT / "static"),  # not the project's staticfiles/: tests would scan it
        KPU_BENCH="1",
        # The limits still run on every request (their cost is measured) but never trip: all the
        # load comes from one address.
        KPU_VIEW_VISITOR_RATE="1000000000",
        KPU_VIEW_NETWORK_RATE="1000000000",
        KPU_VIEW_NETWORK_TOTAL_RATE="1000000000",
        KPU_API_RATE="1000000000/minute",
    )
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    # Django's shell may print its auto-imports first: the answer is the last line.
    return result.stdout.strip().splitlines()[-1] if capture else None


def ensure_database(database_url):
    import psycopg2  # noqa: PLC0415  (only the harness needs it outside Django)

    name = database_url.rsplit("/", 1)[1]
    admin = psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()


PLACES = """
import json
from django.db.models import Count
from news.models import Article
from satker.models import Level, Satker
articles = Article.objects.published()
article = articles.filter(satker__level=Level.KABUPATEN).select_related("satker").first()
province = Satker.objects.provinces().annotate(n=Count("articles")).order_by("-n").first()
kabupaten = province.children.annotate(n=Count("articles")).order_by("-n").first()
pages = -(-min(articles.count(), 200_000) // 20)
print(json.dumps({"article_id": article.pk, "article_path": article.get_absolute_url(),
    "article_host": article.satker.domain,
    "province": province.slug, "kabupaten": kabupaten.slug, "deep_page": min(5000, pages)}))
"""


def prepare(env, database_url, articles):
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_satker")
    subprocess.run([PYTHON, str(ROOT / "bench" / "seed.py"), database_url, str(articles)], cwd=ROOT, check=True)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return json.loads(manage(env, "shell", "-c", PLACES, capture=True))


def start_server(env, port, workers, server):
    app = server.get("app", "kpuportal.wsgi")
    process = subprocess.Popen(
        [GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    health = f"http://127.0.0.1:{port}{server.get('health', '/tolok-ukur/kosong/')}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(health, timeout=5)
            return process
        except OSError:  # not listening yet, or still booting
            time.sleep(0.2)
    stop_server(process)
    sys.exit(f"gunicorn did not answer on port {port} within 30 s (port taken? BENCH_PORT); see its output above.")


def worker_rss_mb(master_pid):
    """Resident memory of each worker (the master's children), from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:  # the process ended meanwhile
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def page_headers(page, values):
    """The page's request headers, placeholders filled in (e.g. Host = "{article_host}")."""
    headers = {name: value.format(**values) for name, value in page.get("headers", {}).items()}
    return {"User-Agent": BROWSER_UA, **headers}


def probe(url, page, values):
    """One request as the load makes it: its status and SQL queries (bench/querycount.py)."""
    body = page.get("body", "").format(**values).encode() or None
    method = page.get("method", "GET")
    request = urllib.request.Request(url, data=body, headers=page_headers(page, values), method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            if "X-Cache" in response.headers:  # through Varnish: its copy replays Django's headers
                return response.status, f"0 (Varnish {response.headers['X-Cache']})"
            # No header from the portal: answered from memory before Django (pagecache/frontcache.py).
            memory = "0 (memory)" if "X-Request-ID" in response.headers else ""
            return response.status, response.headers.get("X-Bench-Queries", memory)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Bench-Queries", "")


def stop_server(process):
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def wrk(url, page, seconds, connections, values):
    headers = page_headers(page, values)
    script = WRK_SCRIPT.format(
        method=lua_string(page.get("method", "GET")),
        body=lua_string(page.get("body", "").format(**values)),
        headers="\n".join(f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()),
        distinct="true" if page.get("distinct_visitors") else "false",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    threads = page.get("threads", 1)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", file.name, url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    os.unlink(file.name)
    return output


def parse_wrk(output):
    def latency_ms(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\b", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms("50"),
        "p99": latency_ms("99"),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
    }


def saved_views(env, article_id):
    if env.get("REDIS_URL"):
        manage(env, "flush_views", capture=True)
    return int(
        manage(
            env,
            "shell",
            "-c",
            f"from news.models import Article; print(Article.objects.get(pk={article_id}).view_count)",
            capture=True,
        )
    )


def clean_redis(url):
    import redis  # noqa: PLC0415

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter("kpuportal:*"))
    if keys:
        client.delete(*keys)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=ROOT / "bench" / "pages.toml")
    parser.add_argument("--only", action="append", help="run only pages whose name contains this text (repeatable)")
    parser.add_argument("--server", action="append", help="run only these servers of pages.toml (repeatable)")
    parser.add_argument("--rounds", type=int, help="measure each page this many times, interleaved (median)")
    parser.add_argument("--duration", type=int, help="seconds per page (overrides pages.toml)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install -y wrk` (make bench does it).")
    articles = os.environ.get("BENCH_ARTICLES", "10000").replace("_", "").replace(",", "")
    if not articles.isdigit() or int(articles) < 100:
        sys.exit(f"BENCH_ARTICLES must be a whole number of at least 100, not {articles!r}.")
    config = tomllib.loads(args.pages.read_text())
    load = config["load"]
    seconds = args.duration or load["duration"]
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kpu_bench")
    port = int(os.environ.get("BENCH_PORT", "8765"))
    workers = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
    OUT.mkdir(exist_ok=True)

    ensure_database(database_url)
    env = base_env(database_url, port)
    values = {**prepare({**env, "REDIS_URL": ""}, database_url, int(articles)), **config.get("values", {})}
    print("Pages use:", values, flush=True)
    fixed_file = OUT / "article.html"
    fixed_file.unlink(missing_ok=True)
    rounds = args.rounds or load.get("rounds", 1)
    pages = [page for page in config["page"] if not args.only or any(text in page["name"] for text in args.only)]
    servers = [server for server in config["server"] if not args.server or server["name"] in args.server]
    rows, memory, edges = [], {}, {}
    for group in together(servers):
        started = []  # (server, its environment, gunicorn, the URL pages are read from, Varnish or None)
        try:
            for server in group:
                served = [page for page in pages if server["name"] in page.get("servers", [server["name"]])]
                if not served:
                    continue
                server_port = port + len(started)
                server_env = {**env, **server.get("env", {}), "BENCH_FIXED_FILE": str(fixed_file)}
                if server_env.get("REDIS_URL") and os.environ.get("BENCH_REDIS_URL"):
                    server_env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
                if server_env.get("REDIS_URL"):
                    clean_redis(server_env["REDIS_URL"])
                direct, varnish = f"http://127.0.0.1:{server_port}", None
                if server.get("edge"):
                    varnish = edge_module().varnish([("127.0.0.1", server_port)])
                    server_env["KPU_EDGE_VARNISH_URLS"] = varnish.url  # where its changes are purged
                process = start_server(server_env, server_port, workers, server)
                started.append((server, server_env, process, varnish.url if varnish else direct, varnish))
                if varnish:
                    varnish.start()
                if not fixed_file.exists() and "app" not in server:
                    # The fixed-bytes ceiling serves exactly the page this server renders.
                    with urllib.request.urlopen(f"{direct}{values['article_path']}") as response:
                        fixed_file.write_bytes(response.read())
            runs = [
                (server, server_env, base, page)
                for server, server_env, _process, base, _varnish in started
                for page in pages
                if server["name"] in page.get("servers", [server["name"]])
            ]
            queries = {}
            for server, _env, base, page in runs:  # warm every worker (and Varnish) up before any measurement
                url = f"{base}{page['path'].format(**values)}"
                wrk(url, page, load["warmup"], page.get("connections", load["connections"]), values)
                status, queries[server["name"], page["name"]] = probe(url, page, values)
                if status >= 400:
                    print(f"warning: {page['name']} on {server['name']} answered {status}", flush=True)
                if server.get("edge") and "HIT" not in queries[server["name"], page["name"]]:
                    print(f"warning: {page['name']} on {server['name']} is not a Varnish HIT", flush=True)
            # Rounds interleave the pages (of every server that runs at the same time), so a noisy
            # moment on the machine hits them alike.
            results = {(server["name"], page["name"]): [] for server, _env, _base, page in runs}
            for _ in range(rounds):
                for server, server_env, base, page in runs:
                    url = f"{base}{page['path'].format(**values)}"
                    before = saved_views(server_env, values["article_id"]) if page.get("counts_views") else None
                    result = parse_wrk(wrk(url, page, seconds, page.get("connections", load["connections"]), values))
                    if before is not None:
                        result["saved"] = saved_views(server_env, values["article_id"]) - before
                    results[server["name"], page["name"]].append(result)
                    print(server["name"], page["name"].format(**values), result, flush=True)
            for server, _env, _base, page in runs:
                rows.append(
                    {
                        "server": server["name"],
                        "page": page["name"].format(**values),
                        "method": page.get("method", "GET"),
                        "baseline": page.get("baseline", ""),
                        "queries": queries[server["name"], page["name"]],
                        **median(results[server["name"], page["name"]]),
                    }
                )
            for server, server_env, process, _base, varnish in started:
                memory[server["name"]] = worker_rss_mb(process.pid)
                if varnish:
                    tries = load.get("edge_tries", 10)
                    print(f"{server['name']}: publish then read through the edge, {tries} tries ...", flush=True)
                    edges[server["name"]] = edge_module().publish_then_read(
                        varnish.url, server_env, values["article_id"], tries
                    )
                    print(server["name"], edges[server["name"]], flush=True)
        finally:
            for _server, server_env, process, _base, varnish in started:
                stop_server(process)
                if varnish:
                    varnish.close()
                if server_env.get("REDIS_URL"):
                    clean_redis(server_env["REDIS_URL"])
    report = render(rows, memory, edges, workers, load["connections"], seconds, int(articles), values)
    print(report)
    (OUT / f"results-{datetime.datetime.now():%Y%m%d-%H%M%S}.md").write_text(report)


def edge_module():
    """bench/edge.py, imported only for a server behind Varnish."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench import edge  # noqa: PLC0415

    return edge


def together(servers):
    """Servers run one after another, except those of one `group` (pages.toml): they run at the
    same time, each on its own port, so their rounds interleave. Portal servers start first: the
    fixed-bytes app serves the page a portal server rendered."""
    groups = []
    for server in servers:
        group = next((g for g in groups if server.get("group") and g[0].get("group") == server["group"]), None)
        if group:
            group.append(server)
        else:
            groups.append([server])
    return [sorted(group, key=lambda server: "app" in server) for group in groups]


def median(results):
    """The middle round by requests/s (its p50 and p99 with it); requests and views summed."""
    middle = sorted(results, key=lambda result: result["rps"])[len(results) // 2]
    total = {name: sum(result[name] for result in results) for name in ("requests", "errors")}
    if "saved" in middle:
        total["saved"] = sum(result["saved"] for result in results)
    return {**middle, **total, "rounds": len(results), "round_rps": [result["rps"] for result in results]}


def ratio(row, base):
    """requests/s against a baseline; rounds run back to back, so the median of the per-round
    ratios is steadier than the ratio of the medians on a busy machine."""
    if not base or base is row:
        return ""
    pairs = sorted(rps / base_rps for rps, base_rps in zip(row["round_rps"], base["round_rps"], strict=False))
    return f"{pairs[len(pairs) // 2]:.0%}"


def render(rows, memory, edges, workers, connections, seconds, articles, values):
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}: {os.cpu_count()} cores, "
        f"{ram:.0f} GiB, load average at the end {load}; {articles:,} articles; Python {platform.python_version()}, "
        f"gunicorn {workers} sync workers, wrk 1 thread {connections} connections, "
        f"{rows[0]['rounds'] if rows else 0} interleaved rounds of {seconds} s per page (median round shown), "
        "PostgreSQL and Redis on loopback.",
        "",
        "| server | page | requests/s | p50 ms | p99 ms | SQL/request | vs do-nothing | vs fixed bytes | non-2xx |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    django = {(row["server"], row["method"]): row for row in rows if row["baseline"] == "django"}
    fixed = next((row for row in rows if row["baseline"] == "fixed"), None)
    for row in rows:
        lines.append(
            f"| {row['server']} | {row['page']} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} "
            f"| {row['queries']} | {ratio(row, django.get((row['server'], row['method'])))} "
            f"| {ratio(row, fixed) if row['method'] == 'GET' else ''} | {row['errors']} |"
        )
    lines.append("")
    lines.append(
        f"Pages used: article {values['article_path']}, province {values['province']}, kabupaten "
        f"{values['kabupaten']}, deep page {values['deep_page']}, search {values.get('search', '')!r}."
    )
    for row in rows:
        if "saved" in row:
            saved = f"{row['requests']} requests, {row['saved']} views saved"
            lines.append(f"- {row['page']} on `{row['server']}`: {saved}.")
    for server, measured in edges.items():
        lines.append(
            f"- Publish then read through the edge on `{server}` ({measured['tries']} tries; pages not held by "
            f"Varnish before a save: {measured['pages_not_held_before']}), median / max ms:"
        )
        for kind, shown in [("edit", "an edited title on the article and its satker's home"),
                            ("publish", "a new article on its satker's home and the national listing")]:  # fmt: skip
            times = measured[kind]
            lines.append(
                f"  {shown}: save {times['save']['median_ms']} / {times['save']['max_ms']}, shown "
                f"{times['after_save']['median_ms']} / {times['after_save']['max_ms']} after the save returned, "
                f"{times['from_before_save']['median_ms']} / {times['from_before_save']['max_ms']} from before "
                f"the save; never shown: {times['after_save']['never_shown']}."
            )
        if measured["not_shown"]:
            lines.append(f"  Pages that did not show a change within 10 s: {', '.join(measured['not_shown'])}.")
    for server, sizes in memory.items():
        listed = ", ".join(f"{size:.0f}" for size in sizes)
        lines.append(f"- Worker RSS after the run on `{server}`: {listed} MB (goal: under 150 MB each).")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
