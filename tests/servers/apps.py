"""Real app servers for tests: gunicorn processes of this project on loopback ports, sharing the
test's PostgreSQL database and a Redis database with the test process."""

import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import redis
import requests
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def share_cache(settings, redis_url):
    """The test process uses the servers' Redis too, so its saves move their generations."""
    redis.Redis.from_url(redis_url).flushdb()
    settings.REDIS_URL = redis_url
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "kpuportal"}
    }


def wait_until_up(url, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            requests.get(url + "/robots.txt", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start in {timeout} s")


class AppServer:
    """One gunicorn with one worker; stop() and start() again on the same port."""

    def __init__(self, env, port=None):
        self.env, self.port = env, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        command = [str(Path(sys.executable).parent / "gunicorn"), "kpuportal.wsgi", "-b", f"127.0.0.1:{self.port}"]
        command += ["-w", "1", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=self.env)
        wait_until_up(self.url, self.process)
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def app_servers(redis_url, static_root, count=2, **extra_env):
    """`count` started app servers with a production-like environment plus `extra_env`."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-servers-" + secrets.token_hex(16),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "PAGE_CACHE_SECONDS": "60",
        "KPU_VIEW_FLUSH_SECONDS": "3600",  # tests flush on demand
        **extra_env,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    servers = [AppServer(env) for _ in range(count)]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()
