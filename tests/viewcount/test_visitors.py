"""Recognising a returning reader keeps working when the shared cache is away."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from viewcount import visitors


def test_a_worker_makes_its_own_salt_when_the_cache_answers_nothing(monkeypatch):
    monkeypatch.setattr(visitors.cache, "get_or_set", lambda *args, **kwargs: None)
    visitors._salts.clear()
    salt = visitors.daily_salt()
    assert salt and len(salt) == 32
    assert visitors.daily_salt() == salt  # remembered by this worker for the day
    visitors._salts.clear()


def test_a_worker_joins_the_shared_salt_a_minute_after_the_cache_is_back(monkeypatch):
    visitors._salts.clear()
    with monkeypatch.context() as cache_away:
        cache_away.setattr(visitors.cache, "get_or_set", lambda *args, **kwargs: None)
        own = visitors.daily_salt()
    visitors.cache.set(f"viewcount:salt:{timezone.localdate().isoformat()}", "a" * 32)  # another worker's
    assert visitors.daily_salt() == own  # not asked again at once: one cache read per view is too many
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert visitors.daily_salt() == "a" * 32
    visitors._salts.clear()
