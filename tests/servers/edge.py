"""A real Varnish for tests: the shipped deploy/varnish/default.vcl in front of the test's app
servers, on a loopback port, in a temporary working directory.

    with edge.running([("127.0.0.1", 8001), ("127.0.0.1", 8002)]) as varnish:
        edge.request(varnish.url, "/")              # -> Answer(status, headers, text)
        varnish.purge("news:generation:17")         # PURGE with xkey-purge, from 127.0.0.1
        varnish.restart()                           # same port, empty cache

Only the backends and the purge ACL differ from production: they are written to a generated
backends.vcl in a temporary directory that comes before deploy/varnish in vcl_path. Without
varnishd, tests that call require_varnishd() skip, unless KPU_CI=1 (CI installs it: they fail).
"""

import atexit
import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

VCL_DIR = Path(__file__).resolve().parents[2] / "deploy" / "varnish"


def require(program):
    """The program's path; skips the test when it is missing, or fails it under KPU_CI=1."""
    path = shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")
    if path is None:
        message = f"{program} is not installed (apt-get install varnish varnish-modules nginx)"
        if os.environ.get("KPU_CI") == "1":
            pytest.fail(message + "; KPU_CI=1 requires it", pytrace=False)
        pytest.skip(message)
    return path


def require_varnishd():
    return require("varnishd")


def free_port(host="127.0.0.1"):
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: Message  # case-insensitive: answer.headers["x-cache"]
    text: str


def request(url, path="/", method="GET", headers=None, body=None, source=None, timeout=10):
    """One HTTP request on a new connection, optionally from a given loopback address (source),
    e.g. 127.0.0.2 to be outside `acl purgers`. Redirects are not followed."""
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(
        host, int(port), timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.msg, response.read().decode("utf-8", "replace"))
    finally:
        connection.close()


def backends_vcl(backends, purgers=("127.0.0.1",), probe_host="127.0.0.1"):
    """A backends.vcl like deploy/varnish/backends.vcl for (host, port) pairs: same probe, a
    round-robin director `app`, and `acl purgers`."""
    lines = [
        "vcl 4.1;",
        "import directors;",
        "probe healthz {",
        f'    .request = "GET /healthz HTTP/1.1" "Host: {probe_host}" "X-Forwarded-Proto: https"'
        ' "User-Agent: varnish-probe" "Connection: close";',
        "    .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2;",
        "}",
    ]
    for number, (host, port) in enumerate(backends, start=1):
        lines.append(
            f'backend app{number} {{ .host = "{host}"; .port = "{port}"; .probe = healthz;'
            " .connect_timeout = 1s; .first_byte_timeout = 30s; .between_bytes_timeout = 10s; }"
        )
    lines.append("sub vcl_init {")
    lines.append("    new app = directors.round_robin();")
    lines += [f"    app.add_backend(app{number});" for number in range(1, len(backends) + 1)]
    lines.append("}")
    lines.append("acl purgers { " + " ".join(f'"{address}";' for address in purgers) + " }")
    return "\n".join(lines) + "\n"


class Varnish:
    """One varnishd; start() and stop() may be called again (same port, empty cache)."""

    def __init__(self, backends, port=None, purgers=("127.0.0.1",), probe_host="127.0.0.1", memory="64m"):
        self.program = require_varnishd()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.memory = memory
        self.workdir = Path(tempfile.mkdtemp(prefix="kpu-varnish-"))
        # The VCL compiler runs as Varnish's own user; an include it cannot read here would be
        # taken from the next vcl_path entry: the production example.
        self.workdir.chmod(0o755)
        (self.workdir / "backends.vcl").write_text(backends_vcl(backends, purgers, probe_host))
        self.log = self.workdir / "varnishd.log"
        self.process = None
        atexit.register(self.close)

    def command(self):
        return [
            self.program,
            "-F",  # in the foreground: this process is the manager, stop() ends it
            "-n", str(self.workdir / "instance"),
            "-a", f"127.0.0.1:{self.port}",
            "-f", str(VCL_DIR / "default.vcl"),  # the shipped file, as it is
            "-p", f"vcl_path={self.workdir}:{VCL_DIR}",  # the generated backends.vcl first
            "-s", f"malloc,{self.memory}",
            "-T", "none",  # no management port
            "-p", "thread_pools=1",
            "-p", "thread_pool_min=5",
            "-p", "thread_pool_max=200",
        ]  # fmt: skip

    def start(self, timeout=20):
        if self.running:
            return self
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                # Answered by the VCL itself (400 or 403), never by a backend: the child is up.
                request(self.url, "/", method="PURGE", timeout=2)
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnishd did not answer in {timeout} s:\n{self.log.read_text()}")

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        """SIGTERM to the manager, which stops its child; SIGKILL to the whole group if it hangs."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # any child left behind
        self.process.wait()
        self.process = None

    def restart(self):
        self.stop()
        return self.start()

    def close(self):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def purge(self, *tags, source="127.0.0.1"):
        """PURGE / with xkey-purge: the tags' copies expire; answer.headers["xkey-purged"] counts them."""
        return request(self.url, "/", method="PURGE", headers={"xkey-purge": " ".join(tags)}, source=source)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.close()


@contextlib.contextmanager
def running(backends, **options):
    """A started Varnish in front of backends, a list of (host, port); always stopped after."""
    varnish = Varnish(backends, **options)
    try:
        yield varnish.start()
    finally:
        varnish.close()
