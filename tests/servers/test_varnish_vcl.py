"""deploy/varnish/default.vcl in a real varnishd, in front of a small Python backend whose answers
each test chooses: what readers see from the edge (docs/deployment.md, "The edge: Varnish")."""

import itertools
import subprocess
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.servers import edge

pytestmark = pytest.mark.usefixtures("varnishd_installed")

PAGE = {"Cache-Control": "public, max-age=60"}
paths = (f"/berita/halaman-{n}/" for n in itertools.count())  # each test its own pages


def edge_expires(seconds):
    """X-Edge-Expires as Django sends it: an HTTP-date this many seconds from now."""
    return formatdate(time.time() + seconds, usegmt=True)


class Backend:
    """An app server stand-in on a fixed loopback port. pages[path] = (status, headers) chooses
    the answer (default 200 with PAGE); the body names the path and how often it was asked.
    /healthz (the probe) always answers 200 and is not counted. stop() and start() keep the port."""

    def __init__(self):
        self.port = edge.free_port()
        self.pages = {}
        self.hits = {}  # path -> number of requests
        self.seen = {}  # path -> headers of the last request
        self.server = None

    def start(self):
        backend = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                if self.path == "/healthz":
                    status, headers, body = 200, {}, "ok"
                else:
                    backend.hits[self.path] = count = backend.hits.get(self.path, 0) + 1
                    backend.seen[self.path] = self.headers
                    status, headers = backend.pages.get(self.path, (200, PAGE))
                    variant = self.headers.get("X-Variant", "")
                    body = f"{self.command} {self.path} #{count} {variant}".strip()
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                data = body.encode()
                self.send_response(status)
                for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")  # stop() leaves no open connection answering
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True

            do_GET = do_POST = do_HEAD = answer

            def log_message(self, *args):
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def varnishd_installed():
    edge.require_varnishd()


@pytest.fixture(scope="module")
def backend():
    backend = Backend()
    backend.start()
    yield backend
    backend.stop()


@pytest.fixture(scope="module")
def varnish(backend):
    with edge.running([("127.0.0.1", backend.port)]) as varnish:
        yield varnish


def get(varnish, path, **headers):
    return edge.request(varnish.url, path, headers={"Host": "www.kpu.go.id", "X-Forwarded-Proto": "https", **headers})


def test_a_page_is_asked_once_then_served_from_the_edge(varnish, backend):
    path = next(paths)
    first, second = get(varnish, path), get(varnish, path)
    assert (first.status, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status, second.headers["X-Cache"]) == (200, "HIT")
    assert second.text == first.text == f"GET {path} #1"
    assert backend.hits[path] == 1
    for internal in ("Via", "X-Varnish", "X-Edge-Managed"):
        assert internal not in second.headers


def test_each_host_and_scheme_has_its_own_copy(varnish, backend):
    path = next(paths)
    get(varnish, path)
    other_host = get(varnish, path, Host="kota-kediri.kpu.go.id")
    plain_http = get(varnish, path, **{"X-Forwarded-Proto": "http"})
    no_proto = get(varnish, path, **{"X-Forwarded-Proto": ""})  # counted as http
    assert [other_host.headers["X-Cache"], plain_http.headers["X-Cache"]] == ["MISS", "MISS"]
    assert no_proto.headers["X-Cache"] == "HIT"
    assert backend.hits[path] == 3


def test_edge_expires_outlives_the_browser_max_age(varnish, backend):
    """The edge keeps a page until Django's X-Edge-Expires, however short the browsers' max-age,
    and a page due sooner (a scheduled article) is fetched again when its time comes."""
    kept, due, plain = next(paths), next(paths), next(paths)
    backend.pages[kept] = (200, {"Cache-Control": "public, max-age=1", "X-Edge-Expires": edge_expires(3600),
                                 "xkey": "satker:directory:generation news:generation:1"})  # fmt: skip
    backend.pages[due] = (200, {**PAGE, "X-Edge-Expires": edge_expires(2)})
    backend.pages[plain] = (200, {"Cache-Control": "public, max-age=1"})
    for path in (kept, due, plain):
        get(varnish, path)
    time.sleep(3)
    answer = get(varnish, kept)
    assert (answer.headers["X-Cache"], backend.hits[kept]) == ("HIT", 1)
    assert answer.headers["Age"] == "0"  # the browser's minute starts now
    assert answer.headers["Cache-Control"] == "public, max-age=1"
    for header in ("X-Edge-Expires", "xkey"):
        assert header not in answer.headers
    assert get(varnish, due).text.endswith("#2")
    assert get(varnish, plain).text.endswith("#2")  # without X-Edge-Expires, Cache-Control rules


def test_a_past_edge_expires_or_no_freshness_is_not_kept(varnish, backend):
    past, bare = next(paths), next(paths)
    backend.pages[past] = (200, {**PAGE, "X-Edge-Expires": edge_expires(-60)})
    backend.pages[bare] = (200, {})  # a redirect or 404 without Cache-Control: no purge would end it
    for path in (past, bare, past, bare):
        get(varnish, path)
    assert (backend.hits[past], backend.hits[bare]) == (2, 2)


def test_purge_refreshes_the_tagged_pages_only(varnish, backend):
    article, other = next(paths), next(paths)
    backend.pages[article] = (200, {**PAGE, "X-Edge-Expires": edge_expires(3600), "xkey": "news:generation:7 a:7"})
    backend.pages[other] = (200, {**PAGE, "X-Edge-Expires": edge_expires(3600), "xkey": "news:generation:8"})
    for path in (article, other, article, other):
        get(varnish, path)
    purge = varnish.purge("unknown:tag", "news:generation:7")
    assert purge.status == 200
    assert purge.headers["xkey-purged"] == "1"
    fresh = get(varnish, article)  # asked again at once: never the old page while Django is up
    assert (fresh.headers["X-Cache"], fresh.text) == ("MISS", f"GET {article} #2")
    assert get(varnish, other).headers["X-Cache"] == "HIT"
    assert get(varnish, article).headers["X-Cache"] == "HIT"


def test_purge_from_elsewhere_is_refused(varnish, backend):
    path = next(paths)
    backend.pages[path] = (200, {**PAGE, "X-Edge-Expires": edge_expires(3600), "xkey": "news:generation:9"})
    get(varnish, path)
    refused = varnish.purge("news:generation:9", source="127.0.0.2")
    assert refused.status == 403
    assert "xkey-purged" not in refused.headers
    assert get(varnish, path).headers["X-Cache"] == "HIT"
    assert varnish.purge().status == 400  # no tags: nothing purged by accident


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/admin/news/article/", {}),
        ("GET", "/admin", {}),
        ("POST", "/kunjungan/", {"Content-Type": "application/json"}),
        ("GET", "/kunjungan/piksel.gif", {}),
        ("GET", "/berita/", {"Cookie": "csrftoken=abc; sessionid=editor"}),
        ("POST", "/cari/", {}),
        ("GET", "/api/v1/berita/", {"Authorization": "Token x"}),
    ],
)
def test_editors_the_newsroom_and_the_beacon_always_reach_django(varnish, backend, method, path, headers):
    before = backend.hits.get(path, 0)
    for _ in range(2):
        answer = edge.request(varnish.url, path, method=method, headers={"Host": "www.kpu.go.id", **headers}, body=b"")
        assert answer.headers["X-Cache"] == "PASS"
    assert backend.hits[path] == before + 2
    if "Cookie" in headers:
        assert backend.seen[path]["Cookie"] == headers["Cookie"]  # the editor's session arrives


def test_readers_cookies_do_not_split_the_cache(varnish, backend):
    path = next(paths)
    get(varnish, path, Cookie="csrftoken=aaa")
    answer = get(varnish, path, Cookie="csrftoken=bbb; _ga=1")
    assert answer.headers["X-Cache"] == "HIT"
    assert backend.hits[path] == 1
    assert "Cookie" not in backend.seen[path]


def test_an_answer_that_sets_a_cookie_is_not_kept(varnish, backend):
    path = next(paths)
    backend.pages[path] = (200, {**PAGE, "X-Edge-Expires": edge_expires(3600), "Set-Cookie": "csrftoken=x; Path=/"})
    get(varnish, path)
    answer = get(varnish, path)
    assert answer.headers["X-Cache"] == "MISS"
    assert answer.headers["Set-Cookie"] == "csrftoken=x; Path=/"
    assert backend.hits[path] == 2


def test_vary_is_honoured(varnish, backend):
    path = next(paths)
    backend.pages[path] = (200, {**PAGE, "Vary": "X-Variant"})
    a, b, a_again = (get(varnish, path, **{"X-Variant": v}) for v in ("a", "b", "a"))
    assert (a.text, b.text) == (f"GET {path} #1 a", f"GET {path} #2 b")
    assert (a_again.headers["X-Cache"], a_again.text) == ("HIT", a.text)


def test_accept_language_and_share_link_parameters_do_not_split_the_cache(varnish, backend):
    path = next(paths)
    backend.pages[path] = (200, {**PAGE, "Vary": "Host, Accept-Language"})
    get(varnish, path, **{"Accept-Language": "id-ID,id;q=0.9"})
    assert get(varnish, path, **{"Accept-Language": "en-US,en;q=0.5"}).headers["X-Cache"] == "HIT"
    for shared in ("?fbclid=IwAR0x", "?utm_source=wa&utm_medium=social", "?gclid=1&fbclid=2"):
        assert get(varnish, path + shared).headers["X-Cache"] == "HIT"
    assert backend.hits[path] == 1
    get(varnish, path + "?utm_source=x&halaman=2&fbclid=y")
    assert backend.hits[path + "?halaman=2"] == 1


def test_django_unable_to_answer_shows_the_last_copy_or_a_friendly_page(varnish, backend):
    """Django's 503 (its database away) after a purge: readers keep the previous page."""
    cached, uncached = next(paths), next(paths)
    backend.pages[cached] = (200, {**PAGE, "X-Edge-Expires": edge_expires(3600), "xkey": "news:generation:11"})
    first = get(varnish, cached)
    varnish.purge("news:generation:11")
    backend.pages[cached] = backend.pages[uncached] = (503, {"Retry-After": "30"})
    stale = get(varnish, cached)
    assert (stale.status, stale.text) == (200, first.text)
    friendly = get(varnish, uncached)
    assert friendly.status == 503
    assert "Silakan coba lagi dalam beberapa saat" in friendly.text


def test_with_django_down_readers_get_the_last_copy_until_it_is_back():
    """Stopped app server: pages still cached, even purged ones, are served; an uncached page
    gets the friendly Indonesian 503; once the server is back pages are fresh again. Its own
    varnishd and backend: the probe marks this backend sick for a while."""
    backend = Backend()
    backend.start()
    with edge.running([("127.0.0.1", backend.port)]) as varnish:
        kept, purged, uncached = next(paths), next(paths), next(paths)
        for path in (kept, purged):
            backend.pages[path] = (200, {**PAGE, "X-Edge-Expires": edge_expires(3600), "xkey": f"tag:{path}"})
            get(varnish, path)
        varnish.purge(f"tag:{purged}")
        backend.stop()

        # At once, before the probe notices: the failed fetch is retried with grace.
        assert get(varnish, purged).text == f"GET {purged} #1"
        down = get(varnish, uncached)
        assert down.status == 503
        assert down.headers["Retry-After"]
        assert down.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Situs sedang sibuk atau dalam pemeliharaan" in down.text
        assert "<link" not in down.text and "<script" not in down.text and "src=" not in down.text

        time.sleep(2.5)  # the probe has seen two failures: sick
        for path in (kept, purged):
            answer = get(varnish, path)
            assert (answer.status, answer.text) == (200, f"GET {path} #1")
        assert get(varnish, uncached).status == 503

        backend.start()
        deadline = time.monotonic() + 5
        while get(varnish, purged).text != f"GET {purged} #2":
            assert time.monotonic() < deadline, "the purged page was not fetched again"
            time.sleep(0.2)
        assert get(varnish, uncached).status == 200
        assert get(varnish, kept).headers["X-Cache"] == "HIT"
    backend.stop()


def test_varnish_restarts_on_the_same_port_with_an_empty_cache(backend):
    path = next(paths)
    with edge.running([("127.0.0.1", backend.port)]) as varnish:
        get(varnish, path)
        port = varnish.port
        varnish.restart()
        assert varnish.port == port
        assert get(varnish, path).headers["X-Cache"] == "MISS"
        assert backend.hits[path] == 2


def test_the_production_example_compiles(tmp_path):
    """default.vcl with deploy/varnish/backends.vcl as shipped (two app servers, their probe)."""
    command = [edge.require_varnishd(), "-C", "-n", str(tmp_path / "instance"), "-f", str(edge.VCL_DIR / "default.vcl")]
    result = subprocess.run([*command, "-p", f"vcl_path={edge.VCL_DIR}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
