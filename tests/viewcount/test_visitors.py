"""Recognising a returning reader keeps working when the shared cache is away."""

from viewcount import visitors


def test_a_worker_makes_its_own_salt_when_the_cache_answers_nothing(monkeypatch):
    monkeypatch.setattr(visitors.cache, "get_or_set", lambda *args, **kwargs: None)
    visitors._salts.clear()
    salt = visitors.daily_salt()
    assert salt and len(salt) == 32
    assert visitors.daily_salt() == salt  # remembered by this worker for the day
    visitors._salts.clear()
