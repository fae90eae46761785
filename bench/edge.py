"""The edge in the benchmark and the soak test: the shipped Varnish (deploy/varnish/default.vcl,
started by tests/servers/edge.py with a generated backends.vcl) in front of their gunicorn
servers, its counters, and the "publish then read through the edge" measurement.

The measurement runs as its own Django process, as an editor's app server would be (same
DATABASE_URL, REDIS_URL and KPU_EDGE_VARNISH_URLS as the servers behind Varnish):

    python bench/edge.py VARNISH_URL ARTICLE_ID TRIES    # prints one JSON object

Each try first makes sure Varnish holds the pages (a HIT), then saves, then reads through Varnish
until the change shows on every page that must show it: an edit of the article's title (its page
and its satker's home) and a new article of that satker (the satker's home and the national
listing). Times are to the end of the read that shows the change, from the save's return and
from before the save (the save includes the purge: it is sent once the change is committed).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL_HOST = "www.kpu.go.id"
BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
POLL_SECONDS = 10  # a change not shown by then counts as never shown


def varnish(backends, memory="256m"):
    """A Varnish for backends, a list of (host, port), not started yet (its .url is known, so the
    app servers can be told where to purge): .start(), and .close() after."""
    if not (shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/sbin")):
        sys.exit("varnishd is not installed: `apt-get install -y varnish varnish-modules`.")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.servers.edge import Varnish  # noqa: PLC0415  (pytest only loaded with it)

    return Varnish(backends, memory=memory)


def read(varnish_url, host, path):
    """One reader's GET through Varnish, as nginx forwards it: (status, X-Cache, text)."""
    from tests.servers.edge import request  # noqa: PLC0415

    headers = {"Host": host, "X-Forwarded-Proto": "https", "User-Agent": BROWSER_UA}
    answer = request(varnish_url, path, headers=headers)
    return answer.status, answer.headers["X-Cache"], answer.text


COUNTERS = ("MAIN.backend_req", "MAIN.backend_fail", "MAIN.backend_unhealthy", "MAIN.backend_retry")


def counters(varnish):
    """Varnish's counters of what went to the app servers since it started (varnishstat):
    requests sent, failed connections, requests with no healthy backend, retries."""
    command = ["varnishstat", "-n", str(varnish.workdir / "instance"), "-1", "-j"]
    command += [argument for name in COUNTERS for argument in ("-f", name)]
    output = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    found = output.get("counters", output)  # varnishstat 7 nests them
    return {name.removeprefix("MAIN."): int(found[name]["value"]) for name in COUNTERS}


def publish_then_read(varnish_url, env, article_id, tries):
    """Run the measurement below in its own process with the servers' environment; its JSON."""
    command = [sys.executable, str(Path(__file__)), varnish_url, str(article_id), str(tries)]
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def summary(times):
    """Median and max in ms of the shown changes, and how many never showed."""
    shown = [seconds for seconds in times if seconds is not None]
    return {
        "median_ms": round(statistics.median(shown) * 1000, 1) if shown else None,
        "max_ms": round(max(shown) * 1000, 1) if shown else None,
        "never_shown": len(times) - len(shown),
    }


def until_shown(varnish_url, pages, text, missed):
    """Read the pages through Varnish until every one shows text; the moment the last read ended.
    A page still without it after POLL_SECONDS goes in missed, with its last X-Cache."""
    deadline = time.monotonic() + POLL_SECONDS
    while True:
        answers = {(host, path): read(varnish_url, host, path) for host, path in pages}
        if all(text in answer[2] for answer in answers.values()):
            return time.monotonic()
        if time.monotonic() > deadline:
            missed += [f"{page[0]}{page[1]} ({answer[1]})" for page, answer in answers.items() if text not in answer[2]]
            return None
        time.sleep(0.01)


def held(varnish_url, pages):
    """Read each page until Varnish answers it from its copy; False if one never becomes a HIT."""
    return all(any(read(varnish_url, host, path)[1] == "HIT" for _ in range(3)) for host, path in pages)


def measure(varnish_url, article_id, tries):
    from news.models import Article  # noqa: PLC0415  (Django is set up by the caller)

    article = Article.objects.select_related("satker").get(pk=article_id)
    results = {kind: {"save": [], "after_save": [], "from_before_save": []} for kind in ("edit", "publish")}
    not_held, missed = 0, []
    original_title, created = article.title, []
    try:
        for number in range(tries):
            not_held += one_try(varnish_url, article, number, results, created, missed)
    finally:
        # The benchmark's article stays as seeded, and stays the newest of its kind.
        article.title = original_title
        article.save()
        Article.objects.filter(pk__in=created).delete()
    return {
        "tries": tries,
        "pages_not_held_before": not_held,
        "not_shown": missed,
        **{kind: {name: summary(seconds) for name, seconds in times.items()} for kind, times in results.items()},
    }


def one_try(varnish_url, article, number, results, created, missed):
    """An edit of the article's title, then a new article of its satker; returns how many of the
    pages Varnish did not hold before the save (their time then includes no purge)."""
    from django.utils import timezone  # noqa: PLC0415

    from news.models import Article, Status  # noqa: PLC0415

    satker, mark = article.satker, uuid.uuid4().hex[:6]
    edited = [(satker.domain, article.get_absolute_url()), (satker.domain, "/")]
    not_held = not held(varnish_url, edited)
    article.title = f"Rapat pleno rekapitulasi, ralat {number} {mark}"
    started = time.monotonic()
    article.save()
    saved = time.monotonic()
    record(results["edit"], started, saved, until_shown(varnish_url, edited, article.title, missed))

    listings = [(satker.domain, "/"), (NATIONAL_HOST, "/berita/")]
    not_held += not held(varnish_url, listings)
    title = f"Penetapan hasil pleno {number} {mark}"
    started = time.monotonic()
    new = Article.objects.create(
        satker=satker, title=title, lead="Berita uji tolok ukur.", body="<p>Isi berita uji.</p>",
        dateline="Jakarta", status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    saved = time.monotonic()
    created.append(new.pk)
    record(results["publish"], started, saved, until_shown(varnish_url, listings, title, missed))
    return not_held


def record(times, started, saved, seen):
    times["save"].append(saved - started)
    times["after_save"].append(None if seen is None else seen - saved)
    times["from_before_save"].append(None if seen is None else seen - started)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python bench/edge.py VARNISH_URL ARTICLE_ID TRIES")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpuportal.settings")
    import django

    django.setup()
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
