import pytest

from satker.models import Role
from tests.factories import staff_user


@pytest.fixture
def editor(client):
    """An editor of KPU Kota Kediri, signed in."""
    user = staff_user("editor", "kota-kediri", Role.EDITOR)
    client.force_login(user)
    return user
