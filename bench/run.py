"""Benchmark harness: gunicorn on loopback with production-like settings against PostgreSQL (and
Redis), loaded by wrk from a second process; prints requests/s, p50 and p99 per page.

The pages are data (bench/pages.toml). Run it with `make bench`; see docs/view-counter.md.
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kpu_bench),
BENCH_WORKERS (gunicorn workers, default 2 per core), BENCH_PORT (default 8765).
"""

import argparse
import datetime
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


def prepare(env):
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_satker")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    article = manage(
        env,
        "shell",
        "-c",
        "from news.models import Article; a = Article.objects.published().select_related('satker').first(); "
        "print(a.pk, a.get_absolute_url())",
        capture=True,
    ).split()
    return {"article_id": article[0], "article_path": article[1]}


def start_server(env, port, workers):
    process = subprocess.Popen(
        [
            GUNICORN,
            "kpuportal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tolok-ukur/kosong/", timeout=5)
            return process
        except OSError:  # not listening yet, or still booting
            time.sleep(0.2)
    stop_server(process)
    sys.exit(f"gunicorn did not answer on port {port} within 30 s (port taken? BENCH_PORT); see its output above.")


def stop_server(process):
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def wrk(url, page, seconds, connections, values):
    headers = {"User-Agent": BROWSER_UA, **page.get("headers", {})}
    script = WRK_SCRIPT.format(
        method=lua_string(page.get("method", "GET")),
        body=lua_string(page.get("body", "").format(**values)),
        headers="\n".join(f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()),
        distinct="true" if page.get("distinct_visitors") else "false",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", file.name, url]
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
    parser.add_argument("--rounds", type=int, help="measure each page this many times, interleaved (median)")
    parser.add_argument("--duration", type=int, help="seconds per page (overrides pages.toml)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install -y wrk` (make bench does it).")
    config = tomllib.loads(args.pages.read_text())
    load = config["load"]
    seconds = args.duration or load["duration"]
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kpu_bench")
    port = int(os.environ.get("BENCH_PORT", "8765"))
    workers = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
    OUT.mkdir(exist_ok=True)

    ensure_database(database_url)
    env = base_env(database_url, port)
    values = prepare({**env, "REDIS_URL": ""})
    rounds = args.rounds or load.get("rounds", 1)
    pages = [page for page in config["page"] if not args.only or any(text in page["name"] for text in args.only)]
    rows = []
    for server in config["server"]:
        server_env = {**env, **server.get("env", {})}
        if server_env.get("REDIS_URL"):
            clean_redis(server_env["REDIS_URL"])
        process = start_server(server_env, port, workers)
        try:
            served = [page for page in pages if server["name"] in page.get("servers", [server["name"]])]
            for page in served:  # warm every worker up before any measurement
                url = f"http://127.0.0.1:{port}{page['path'].format(**values)}"
                wrk(url, page, load["warmup"], load["connections"], values)
            # Rounds interleave the pages, so a noisy moment on the machine hits them alike.
            results = {page["name"]: [] for page in served}
            for _ in range(rounds):
                for page in served:
                    url = f"http://127.0.0.1:{port}{page['path'].format(**values)}"
                    before = saved_views(server_env, values["article_id"]) if page.get("counts_views") else None
                    result = parse_wrk(wrk(url, page, seconds, load["connections"], values))
                    if before is not None:
                        result["saved"] = saved_views(server_env, values["article_id"]) - before
                    results[page["name"]].append(result)
                    print(server["name"], page["name"], result, flush=True)
            for page in served:
                method = page.get("method", "GET")
                rows.append(
                    {"server": server["name"], "page": page["name"], "method": method, **median(results[page["name"]])}
                )
        finally:
            stop_server(process)
            if server_env.get("REDIS_URL"):
                clean_redis(server_env["REDIS_URL"])
    report = render(rows, workers, load["connections"], seconds)
    print(report)
    (OUT / f"results-{datetime.datetime.now():%Y%m%d-%H%M%S}.md").write_text(report)


def median(results):
    """The middle round by requests/s (its p50 and p99 with it); requests and views summed."""
    middle = sorted(results, key=lambda result: result["rps"])[len(results) // 2]
    total = {name: sum(result[name] for result in results) for name in ("requests", "errors")}
    if "saved" in middle:
        total["saved"] = sum(result["saved"] for result in results)
    return {**middle, **total, "rounds": len(results), "round_rps": [result["rps"] for result in results]}


def render(rows, workers, connections, seconds):
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = [
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}: {os.cpu_count()} cores, "
        f"{memory:.0f} GiB, Python {platform.python_version()}, gunicorn {workers} sync workers, "
        f"wrk 1 thread {connections} connections, {rows[0]['rounds'] if rows else 0} interleaved rounds of {seconds} s "
        "per page (median round shown; requests and views summed), PostgreSQL and Redis on loopback.",
        "",
        "| server | page | requests/s | p50 ms | p99 ms | requests | non-2xx | views saved |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        saved = row.get("saved", "")
        lines.append(
            f"| {row['server']} | {row['page']} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} "
            f"| {row['requests']} | {row['errors']} | {saved} |"
        )
    # Each page against the do-nothing view reached by the same method, on the same server.
    baseline = {(row["server"], row["method"]): row for row in rows if "do-nothing" in row["page"]}
    lines.append("")
    for row in rows:
        base = baseline.get((row["server"], row["method"]))
        if base and base is not row:
            # Rounds run back to back, so a round's pair shares the machine's mood: the median of
            # the per-round ratios is steadier than the ratio of the medians.
            pairs = sorted(rps / base_rps for rps, base_rps in zip(row["round_rps"], base["round_rps"], strict=True))
            rounds = ", ".join(f"{ratio:.0%}" for ratio in pairs)
            lines.append(
                f'- {row["page"]} on `{row["server"]}`: {row["rps"] / base["rps"]:.0%} of "{base["page"]}" '
                f"(median of per-round ratios {pairs[len(pairs) // 2]:.0%}; rounds {rounds})."
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
