"""Tier 1: when a complaint counts as closed for the retention of its reporter's identity."""

from datetime import date

import pytest

from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.kerahasiaan import past_retention
from kpu_dumas.core.retensi import closed_on, merged_closed_on

DAY = date(2021, 3, 10)


@pytest.mark.parametrize("state", sorted(rules.FINAL_STATES))
def test_a_final_state_closes_on_the_day_it_was_entered(state):
	assert closed_on(state, DAY) == DAY


@pytest.mark.parametrize(
	"state", [rules.DITERIMA, rules.PERLU_DILENGKAPI, rules.TERDAFTAR, rules.DITELAAH, rules.DITANGGAPI]
)
def test_an_open_case_is_never_closed(state):
	assert closed_on(state, DAY, (DAY,)) is None
	assert not past_retention(closed_on(state, DAY), date(2040, 1, 1), 5)


def test_an_imported_case_closes_on_the_latest_day_its_register_recorded():
	assert closed_on(rules.SELESAI, None, (date(2019, 1, 5), None, date(2019, 2, 1))) == date(2019, 2, 1)
	assert closed_on(rules.SELESAI, None, (None,)) is None


def test_a_merged_case_closes_with_its_main_case():
	assert merged_closed_on(DAY, None) is None  # the main case is still being handled
	assert merged_closed_on(DAY, date(2022, 1, 1)) == date(2022, 1, 1)
	assert merged_closed_on(date(2023, 1, 1), date(2022, 1, 1)) == date(2023, 1, 1)


def test_the_boundary_day_is_past_retention_and_the_next_is_not():
	today = date(2026, 12, 1)
	assert past_retention(date(2021, 12, 1), today, 5)
	assert not past_retention(date(2021, 12, 2), today, 5)
	assert not past_retention(date(2000, 1, 1), today, 0)  # 0 = never


def test_a_register_names_an_erased_reporter_as_erased_also_when_rahasia():
	from kpu_dumas.core.kerahasiaan import ERASED
	from kpu_dumas.core.recap import ANONYMOUS, CONFIDENTIAL, reporter_label

	assert reporter_label(False, False, ERASED) == ERASED
	assert reporter_label(False, True, ERASED) == ERASED
	assert reporter_label(False, True, None) == CONFIDENTIAL
	assert reporter_label(True, False, None) == ANONYMOUS
