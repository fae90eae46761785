"""One client address for the lock-out, the audit trail, the view counter and the API rate limit
(ops/clientip.py), read from KPU_CLIENT_IP_HEADER behind nginx."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.urls import reverse

from ops.clientip import client_ip
from ops.models import Action, AuditEvent
from satker.models import Role
from tests.factories import PASSWORD, staff_user
from viewcount.visitors import identify

PROXY = "10.0.0.2"


def request_with(**meta):
    return RequestFactory().get("/", **meta)


@pytest.fixture
def behind_nginx(settings):
    settings.KPU_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"


def test_without_a_proxy_the_address_is_the_connections(settings):
    settings.KPU_CLIENT_IP_HEADER = "REMOTE_ADDR"
    assert client_ip(request_with(REMOTE_ADDR="203.0.113.9", HTTP_X_REAL_IP="198.51.100.1")) == "203.0.113.9"


def test_behind_nginx_the_address_is_the_one_nginx_sets(behind_nginx):
    assert client_ip(request_with(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9")) == "203.0.113.9"


def test_a_request_that_bypassed_nginx_is_known_by_its_own_address(behind_nginx):
    assert client_ip(request_with(REMOTE_ADDR="203.0.113.9")) == "203.0.113.9"


def test_of_a_list_the_address_the_nearest_proxy_added_counts_never_the_clients_own(settings):
    settings.KPU_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = request_with(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.parametrize("value", ["unknown", "203.0.113.999", "x" * 10_000, "203.0.113.9\x00", "1.2.3.4,"])
def test_anything_but_an_address_gives_none(behind_nginx, value):
    assert client_ip(request_with(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=value)) is None


def test_ipv6_addresses_are_normalised(behind_nginx):
    assert client_ip(request_with(HTTP_X_REAL_IP="2001:DB8:0:0::1")) == "2001:db8::1"


def test_no_request_gives_none():
    assert client_ip(None) is None


def run_settings(**environ):
    """Load the settings in a fresh process with `environ`, as a server start would."""
    env = {name: value for name, value in os.environ.items() if "CLIENT_IP_HEADER" not in name}
    env.update(DJANGO_SECRET_KEY="t", DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SETTINGS_MODULE="kpuportal.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.KPU_CLIENT_IP_HEADER)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**env, **environ},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_setting_is_read_from_the_environment():
    assert run_settings(KPU_CLIENT_IP_HEADER="HTTP_X_REAL_IP").stdout.strip() == "HTTP_X_REAL_IP"
    assert run_settings().stdout.strip() == "REMOTE_ADDR"


def test_the_old_view_counter_setting_still_works_as_an_alias():
    result = run_settings(KPU_VIEW_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    assert result.stdout.strip() == "HTTP_X_REAL_IP"


def test_a_header_name_instead_of_a_meta_key_stops_the_start():
    result = run_settings(KPU_CLIENT_IP_HEADER="X-Real-IP")
    assert result.returncode != 0 and "HTTP_X_REAL_IP" in result.stderr


@pytest.mark.django_db
def test_the_audit_trail_records_the_readers_address_not_the_proxys(client, behind_nginx):
    staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    client.post(
        reverse("admin:login"),
        {"username": "editor-kediri", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP="203.0.113.9",
    )
    assert AuditEvent.objects.get(action=Action.LOGIN).ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_the_api_rate_limit_counts_readers_not_the_proxy(client, behind_nginx, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "2/minute"}}
    url = reverse("api:satker_list")
    for _ in range(2):
        assert client.get(url, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9").status_code == 200
    assert client.get(url, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9").status_code == 429
    assert client.get(url, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7").status_code == 200


def test_the_view_counter_tells_readers_behind_the_proxy_apart(behind_nginx):
    first = identify(request_with(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9"))
    second = identify(request_with(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7"))
    assert first.network != second.network
