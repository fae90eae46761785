"""Staff of KPU Kota Kediri and a superadmin, for every test under tests/news/ (a folder's own
conftest may replace one, as tests/news/pages/ does with signed-in staff)."""

import pytest
from django.contrib.auth import get_user_model

from satker.models import Role
from tests.factories import PASSWORD, staff_user


@pytest.fixture
def writer(db):
    return staff_user("penulis-kediri", "kota-kediri", Role.WRITER)


@pytest.fixture
def editor(db):
    return staff_user("editor-kediri", "kota-kediri", Role.EDITOR)


@pytest.fixture
def superadmin(db):
    return get_user_model().objects.create_superuser("superadmin", "ri@kpu.go.id", PASSWORD)
