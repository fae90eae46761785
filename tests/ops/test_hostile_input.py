"""Random and hostile query strings, paths, headers and form bodies against every public URL of the
running site (pytest-django's live server): never a 500, never the input reflected unescaped.

KPU_HOSTILE_EXAMPLES sets how many examples each test draws (default 100: about 40 s in all).
"""

import os
import string
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ops.conftest import TIMEOUT
from tests.ops.xss import CORPUS, ODD

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(os.environ.get("KPU_HOSTILE_EXAMPLES", "100"))
hostile_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile_text = st.sampled_from(CORPUS + ODD) | st.text(max_size=80)
# Header values travel as latin-1 without line breaks or leading blanks; the client refuses others.
header_text = (
    st.sampled_from([value for value in CORPUS + ODD if value.isprintable() and value.isascii()])
    | st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + " \t", max_size=120)
).map(str.strip)
QUERY_KEYS = ["q", "satker", "divisi", "tag", "jenis", "tahun", "bulan", "page", "halaman", "artikel", "cursor",
              "limit", "ordering", "format", "search", "since", "until", "kind", "division"]  # fmt: skip
query_key = st.sampled_from(QUERY_KEYS) | st.text(min_size=1, max_size=12)
HEADERS = ["User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Referer", "Cookie", "X-Forwarded-For",
           "X-Forwarded-Proto", "X-Forwarded-Host", "If-None-Match", "If-Modified-Since", "Range", "Origin",
           "Sec-Fetch-Site", "Sec-Fetch-Dest", "X-Request-ID", "Content-Type", "Authorization"]  # fmt: skip


def check(response, sent, baseline=""):
    """No server error; no hostile value in an HTML or XML answer as it was sent.

    `baseline` is the same page fetched without the hostile input: a short value such as "</l"
    occurs in any page ("</li>"), so only occurrences beyond the baseline's count as reflected."""
    assert response.status_code < 500, f"{response.status_code} for {response.request.method} {response.url}"
    content_type = response.headers.get("Content-Type", "")
    if "json" in content_type or response.request.method == "HEAD":
        return  # JSON is data (and X-Content-Type-Options: nosniff keeps it so)
    body = response.text
    for value in sent:
        if "<" in value and len(value) > 2:
            assert body.count(value) <= baseline.count(value), f"{value!r} reflected unescaped by {response.url}"


@pytest.fixture
def site(live_server, world):
    return live_server.url, world["urls"]


@hostile_settings
@given(data=st.data(), params=st.dictionaries(query_key, hostile_text, max_size=4))
def test_hostile_query_strings_get_no_server_error_and_no_reflection(site, http, data, params):
    base, urls = site
    path = data.draw(st.sampled_from(urls))
    response = http.get(base + path, params=params, timeout=TIMEOUT, allow_redirects=False)
    baseline = http.get(base + path, timeout=TIMEOUT, allow_redirects=False).text
    check(response, [*params.values(), *params.keys()], baseline)


@hostile_settings
@given(data=st.data(), segment=hostile_text, extra=hostile_text)
def test_hostile_paths_get_no_server_error(site, http, data, segment, extra):
    base, urls = site
    shape = data.draw(
        st.sampled_from(
            ["/berita/{a}/{b}/", "/berita/kota-kediri/{a}/", "/satker/{a}/", "/satker/{a}/rss/", "/divisi/{a}/",
             "/tag/{a}/", "/tag/{a}/atom/", "/sitemap-{a}.xml", "/api/v1/satker/{a}/", "/api/v1/articles/{a}/",
             "/media/{a}", "/static/{a}", "/{a}", "/{a}/{b}", "{path}{a}", "{path}?{a}={b}"]
        )
    )  # fmt: skip
    path = data.draw(st.sampled_from(urls))
    url = base + shape.format(a=quote(segment, safe=""), b=quote(extra, safe=""), path=path)
    response = http.get(url, timeout=TIMEOUT, allow_redirects=False)
    check(response, [segment, extra])


@hostile_settings
@given(data=st.data(), headers=st.dictionaries(st.sampled_from(HEADERS), header_text, max_size=4))
def test_hostile_headers_get_no_server_error(site, http, data, headers):
    base, urls = site
    path = data.draw(st.sampled_from(urls))
    response = http.get(base + path, headers=headers, timeout=TIMEOUT, allow_redirects=False)
    baseline = http.get(base + path, timeout=TIMEOUT, allow_redirects=False).text
    check(response, list(headers.values()), baseline)


@hostile_settings
@given(data=st.data(), host=header_text)
def test_hostile_host_headers_are_refused_with_400_not_500(site, http, data, host):
    base, urls = site
    path = data.draw(st.sampled_from(urls))
    response = http.get(base + path, headers={"Host": host}, timeout=TIMEOUT, allow_redirects=False)
    check(response, [host])


@hostile_settings
@given(
    data=st.data(),
    form=st.dictionaries(query_key, hostile_text, max_size=5),
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]),
)
def test_hostile_form_bodies_and_methods_get_no_server_error(site, http, data, form, method):
    base, urls = site
    path = data.draw(st.sampled_from(urls))
    headers = data.draw(st.sampled_from([{}, {"Sec-Fetch-Site": "same-origin"}, {"Origin": base}]))
    response = http.request(method, base + path, data=form, headers=headers, timeout=TIMEOUT, allow_redirects=False)
    baseline = http.request(method, base + path, headers=headers, timeout=TIMEOUT, allow_redirects=False).text
    check(response, [*form.values(), *form.keys()], baseline)


@hostile_settings
@given(article=hostile_text, body=st.binary(max_size=2048))
def test_the_view_beacon_survives_garbage(site, http, article, body):
    base, _urls = site
    beacon = base + reverse("viewcount:record")
    for response in [
        http.post(beacon, data={"artikel": article}, headers={"Sec-Fetch-Site": "same-origin"}, timeout=TIMEOUT),
        http.post(beacon, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=TIMEOUT),
        http.post(beacon, data=body, headers={"Content-Type": "multipart/form-data; boundary=x"}, timeout=TIMEOUT),
        http.get(base + reverse("viewcount:pixel"), params={"artikel": article}, timeout=TIMEOUT),
    ]:
        check(response, [article])
