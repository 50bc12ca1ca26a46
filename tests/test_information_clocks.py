"""UU 14/2008 clocks in working days, across national holidays and cuti bersama (Pohuwato hours, WITA)."""

from datetime import date, datetime

from kpu_dumas.core.information_clocks import (
	ElectionRegime,
	InformationClocks,
	clocks_for,
	extended_due,
	komisi_informasi_deadline,
	notice_due,
	objection_answer_due,
	objection_deadline,
	objection_in_time,
)

DEFAULT = InformationClocks()
ELECTION_2026 = ElectionRegime(active=True, start=date(2026, 1, 1), end=date(2026, 12, 31))


def test_ten_working_days_across_nyepi_idul_fitri_and_cuti_bersama(pohuwato):
	# Registered Wed 11 Mar 2026. Working days after it: 12, 13, 16, 17 Mar; 18 (cuti), 19 (Nyepi),
	# 20 (cuti), 23, 24 (cuti) are not; then 25, 26, 27, 30, 31 Mar and 1 Apr = the 10th.
	due = notice_due(pohuwato, datetime(2026, 3, 11, 10, 0), DEFAULT)
	assert due == datetime(2026, 4, 1, 16, 0)


def test_extension_adds_seven_working_days_after_the_deadline(pohuwato):
	# From 1 Apr 2026: 2 Apr, (3 Apr Wafat Yesus Kristus), 6, 7, 8, 9, 10, 13 Apr = the 7th.
	assert extended_due(pohuwato, datetime(2026, 4, 1, 16, 0), DEFAULT) == datetime(2026, 4, 13, 16, 0)


def test_election_regime_applies_inside_its_dates_to_election_information_only(pohuwato):
	received = datetime(2026, 3, 11, 10, 0)
	clocks = clocks_for(received.date(), True, ELECTION_2026)
	assert (clocks.notice_days, clocks.extension_days, clocks.objection_answer_days) == (3, 2, 3)
	assert notice_due(pohuwato, received, clocks) == datetime(2026, 3, 16, 16, 0)
	# +2 from 16 Mar: 17 Mar, then 18-24 Mar are holidays and cuti bersama, so 25 Mar.
	assert extended_due(pohuwato, datetime(2026, 3, 16, 16, 0), clocks) == datetime(2026, 3, 25, 16, 0)

	assert clocks_for(received.date(), False, ELECTION_2026) == DEFAULT
	assert clocks_for(date(2027, 1, 4), True, ELECTION_2026) == DEFAULT
	switched_off = ElectionRegime(active=False, start=date(2026, 1, 1), end=date(2026, 12, 31))
	assert clocks_for(received.date(), True, switched_off) == DEFAULT
	assert clocks_for(received.date(), True, None) == DEFAULT


def test_election_regime_numbers_are_editable(pohuwato):
	regime = ElectionRegime(True, date(2026, 1, 1), date(2026, 12, 31), notice_days=5, extension_days=1)
	clocks = clocks_for(date(2026, 3, 11), True, regime)
	assert (clocks.notice_days, clocks.extension_days) == (5, 1)


def test_objection_filing_window_is_thirty_working_days(pohuwato):
	cause = datetime(2025, 10, 6, 10, 0)  # Monday; no holidays until mid-November 2025
	assert objection_deadline(pohuwato, cause, DEFAULT) == datetime(2025, 11, 17, 16, 0)
	assert objection_in_time(pohuwato, cause, datetime(2025, 11, 17, 15, 0), DEFAULT)
	assert not objection_in_time(pohuwato, cause, datetime(2025, 11, 18, 8, 0), DEFAULT)


def test_objection_answer_and_komisi_informasi_windows(pohuwato):
	# 30 working days from 17 Nov 2025, skipping Natal (25 Dec) and cuti bersama (26 Dec).
	assert objection_answer_due(pohuwato, datetime(2025, 11, 17, 9, 0), DEFAULT) == datetime(
		2025, 12, 31, 16, 0
	)
	# 14 working days from 31 Dec 2025, skipping 1 Jan and Isra Mikraj (16 Jan 2026).
	assert komisi_informasi_deadline(pohuwato, datetime(2025, 12, 31, 10, 0), DEFAULT) == datetime(
		2026, 1, 22, 16, 0
	)
