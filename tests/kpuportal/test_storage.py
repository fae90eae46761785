"""Uploaded media: the local file system by default; S3-compatible object storage only when a
bucket is configured (docs/deployment.md). And the benchmark's query counter never in production."""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SHOW = """
import django; django.setup()
from django.conf import settings
from django.core.files.storage import storages
print(type(storages["default"]).__name__)
print(storages["default"].url("artikel/kota-kediri/2026/11/rapat.jpg"))
print(any("querycount" in name for name in settings.MIDDLEWARE))
"""


def storage(**env):
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        capture_output=True,
        cwd=BASE_DIR,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "kpuportal.settings", "DJANGO_DEBUG": "1", **env},
    )
    return result.stdout.split()


def test_uploads_stay_on_the_local_file_system_by_default():
    backend, url, counted = storage()
    assert backend == "FileSystemStorage"
    assert url == "/media/artikel/kota-kediri/2026/11/rapat.jpg"
    assert counted == "False"


def test_a_bucket_moves_uploads_to_object_storage_with_plain_public_urls():
    backend, url, _ = storage(
        AWS_STORAGE_BUCKET_NAME="kpu-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.go.id",
        AWS_S3_CUSTOM_DOMAIN="media.kpu.go.id",
        AWS_ACCESS_KEY_ID="uji",
        AWS_SECRET_ACCESS_KEY="uji",
    )
    assert backend == "S3Storage"
    # No signature in the URL: a CDN caches one URL per image for every reader.
    assert url == "https://media.kpu.go.id/artikel/kota-kediri/2026/11/rapat.jpg"


def test_the_query_counter_runs_only_in_the_benchmark():
    assert storage(KPU_BENCH="1")[2] == "True"
