"""deploy/nginx/kpuportal.conf: nginx accepts it, and in front of two small backends (standing in
for Varnish and for an app server) it sets the headers the app trusts and routes each path."""

import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from tests.servers import edge

SITE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "kpuportal.conf"
HOST = {"Host": "www.kpu.go.id"}


class Recorder:
    """A backend that answers 200 and keeps the last request's headers; answers[path] adds headers."""

    def __init__(self):
        self.requests = []
        self.answers = {}
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                recorder.requests.append((self.command, self.path, self.headers))
                body = b"from " + self.path.encode()
                self.send_response(200)
                for name, value in recorder.answers.get(self.path, {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_PURGE = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def replace_once(text, old, new):
    assert text.count(old) == 1, f"the shipped site no longer has {old!r}: update this test"
    return text.replace(old, new)


@pytest.fixture
def site(tmp_path):
    """The shipped site in a wrapper nginx.conf: loopback ports, a self-signed certificate, the
    test's directories and backends instead of production's. Only those lines are rewritten."""
    nginx = edge.require("nginx")
    openssl = edge.require("openssl")
    (tmp_path / "ssl").mkdir()
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=www.kpu.go.id", "-addext", "subjectAltName=IP:127.0.0.1,DNS:www.kpu.go.id",
         "-keyout", tmp_path / "ssl" / "privkey.pem", "-out", tmp_path / "ssl" / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    for folder in ("srv/staticfiles", "srv/media", "temp", "logs"):
        (tmp_path / folder).mkdir(parents=True)
    varnish, app = Recorder(), Recorder()
    http_port, https_port = edge.free_port(), edge.free_port()

    text = SITE.read_text()
    for name in ("fullchain.pem", "privkey.pem"):
        text = replace_once(text, f"/etc/ssl/kpuportal/{name}", f"{tmp_path}/ssl/{name}")
    text = text.replace("/srv/kpuportal/", f"{tmp_path}/srv/")
    text = replace_once(text, "    listen [::]:80;\n", "")
    text = replace_once(text, "    listen [::]:443 ssl http2;\n", "")
    text = replace_once(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    text = replace_once(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    text = replace_once(text, "server 127.0.0.1:6081;", f"server 127.0.0.1:{varnish.port};")
    text = replace_once(text, "server 10.0.0.11:8000;\n    server 10.0.0.12:8000;", f"server 127.0.0.1:{app.port};")
    (tmp_path / "kpuportal.conf").write_text(text)
    temp = tmp_path / "temp"
    (tmp_path / "nginx.conf").write_text(
        f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {tmp_path}/kpuportal.conf;
}}
"""
    )
    logs = tmp_path / "logs" / "error.log"
    command = [nginx, "-p", str(tmp_path), "-e", str(logs), "-c", str(tmp_path / "nginx.conf")]
    yield {
        "command": command,
        "root": tmp_path,
        "http": f"http://127.0.0.1:{http_port}",
        "https": f"https://127.0.0.1:{https_port}",
        "cert": str(tmp_path / "ssl" / "fullchain.pem"),
        "varnish": varnish,
        "app": app,
    }
    varnish.close()
    app.close()


@pytest.fixture
def nginx(site):
    process = subprocess.Popen(
        [*site["command"], "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                requests.get(site["http"] + "/static/", timeout=1)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        yield site
    finally:
        process.terminate()  # the master ends its workers
        process.wait(timeout=10)
        process.stderr.close()


def test_nginx_accepts_the_site(site):
    result = subprocess.run([*site["command"], "-t"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_pages_go_to_varnish_with_the_headers_django_trusts(nginx):
    spoofed = {**HOST, "X-Real-IP": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    answer = requests.get(nginx["https"] + "/berita/", headers=spoofed, verify=nginx["cert"], timeout=5)
    assert answer.text == "from /berita/"
    requests.get(nginx["http"] + "/berita/?halaman=2", headers=spoofed, timeout=5)
    (_, _, https), (_, path, plain) = nginx["varnish"].requests
    assert (https["Host"], https["X-Forwarded-Proto"], https["X-Real-IP"]) == ("www.kpu.go.id", "https", "127.0.0.1")
    assert https["X-Forwarded-For"] == "127.0.0.1"
    assert (path, plain["X-Forwarded-Proto"], plain["X-Real-IP"]) == ("/berita/?halaman=2", "http", "127.0.0.1")
    assert nginx["app"].requests == []


def test_readers_cannot_purge(nginx):
    for base in (nginx["http"], nginx["https"]):
        answer = requests.request("PURGE", base + "/", headers={**HOST, "xkey-purge": "x"}, verify=nginx["cert"])
        assert answer.status_code == 405
    assert nginx["varnish"].requests == []


def test_static_files_from_disk_and_media_after_the_app_checks(nginx):
    root = nginx["root"]
    (root / "srv" / "staticfiles" / "situs.3f2a.css").write_text("body{}")
    (root / "srv" / "media" / "foto.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "srv" / "media" / "lama.html").write_text("<script>alert(1)</script>")
    nginx["app"].answers["/media/foto.jpg"] = {"X-Accel-Redirect": "/_media/foto.jpg"}
    nginx["app"].answers["/media/lama.html"] = {"X-Accel-Redirect": "/_media/lama.html"}

    css = requests.get(nginx["https"] + "/static/situs.3f2a.css", headers=HOST, verify=nginx["cert"])
    assert (css.status_code, css.text) == (200, "body{}")
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    photo = requests.get(nginx["https"] + "/media/foto.jpg", headers=HOST, verify=nginx["cert"])
    assert (photo.status_code, photo.content, photo.headers["Content-Type"]) == (200, b"\xff\xd8\xff", "image/jpeg")
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    assert photo.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    old = requests.get(nginx["https"] + "/media/lama.html", headers=HOST, verify=nginx["cert"])
    assert old.headers["Content-Type"] == "application/octet-stream"
    (_, _, asked), _ = nginx["app"].requests
    assert asked["X-Real-IP"] == "127.0.0.1"
    assert nginx["varnish"].requests == []

    direct = requests.get(nginx["https"] + "/_media/foto.jpg", headers=HOST, verify=nginx["cert"])
    assert direct.status_code == 404
