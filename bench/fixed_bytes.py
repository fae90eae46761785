"""The app server's ceiling: the article page's HTML as fixed bytes from a ten-line WSGI app,
under its own gunicorn with the same worker count (bench/run.py saves the page first)."""

import os

BODY = open(os.environ["BENCH_FIXED_FILE"], "rb").read()  # noqa: SIM115  (read once at import)
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
