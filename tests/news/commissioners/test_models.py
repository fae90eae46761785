from datetime import date

import pytest
from django.core.exceptions import ValidationError

from news.commissioners.models import Commissioner, Position
from tests.factories import DivisionFactory, satker

from .conftest import CommissionerFactory

pytestmark = pytest.mark.django_db


def test_a_term_that_ends_before_it_starts_is_refused_in_indonesian():
    person = CommissionerFactory.build(
        satker=satker("kota-kediri"), division=None, term_start=date(2028, 1, 1), term_end=date(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert caught.value.message_dict["term_end"] == ["Akhir masa jabatan tidak boleh sebelum awal masa jabatan."]


def test_serving_holds_only_terms_running_on_that_day():
    current = CommissionerFactory(term_start=date(2023, 10, 24), term_end=date(2028, 10, 24))
    former = CommissionerFactory(term_start=date(2018, 10, 24), term_end=date(2023, 10, 23))
    open_ended = CommissionerFactory(position=Position.SECRETARY, division=None, term_end=None)
    serving = set(Commissioner.objects.serving(date(2026, 1, 1)))
    assert serving == {current, open_ended}
    assert list(Commissioner.objects.former(date(2026, 1, 1))) == [former]


def test_board_order_puts_the_chair_first_then_members_by_division():
    late, early = DivisionFactory(position=9), DivisionFactory(position=1)
    member_late = CommissionerFactory(division=late, name="A")
    chair = CommissionerFactory(division=late, position=Position.CHAIR, name="Z")
    member_early = CommissionerFactory(division=early, name="B")
    assert list(Commissioner.objects.in_board_order()) == [chair, member_early, member_late]
