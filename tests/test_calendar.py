import re
import time as clock
from datetime import date, datetime, time, timedelta

import pytest

from kpu_dumas.core.calendar import (
	DAY_NAMES,
	POHUWATO_HOURS,
	WorkingCalendar,
	convert_timezone,
)

WEEKDAY_HOURS = [(day, "08:00", "16:00") for day in DAY_NAMES[:5]]


# -- construction ---------------------------------------------------------------


def test_pohuwato_hours_shape(pohuwato):
	assert POHUWATO_HOURS[0] == ("Senin", "08:00", "16:00")
	assert pohuwato.hours[0] == ((time(8), time(16)),)
	assert pohuwato.hours[3] == ((time(8), time(16)),)
	assert pohuwato.hours[4] == ((time(8), time(11)), (time(14), time(16, 30)))
	assert 5 not in pohuwato.hours and 6 not in pohuwato.hours
	assert pohuwato.timezone == "Asia/Makassar"


def test_from_rows_accepts_ints_times_mixed_case_and_string_dates():
	cal = WorkingCalendar.from_rows(
		[(4, time(14), time(16, 30)), ("jUMAT", "08:00:00", "11:00"), ("Sabtu", "9:00", "12:00")],
		holidays=["2025-09-05", date(2025, 12, 25)],
	)
	assert cal.hours[4] == ((time(8), time(11)), (time(14), time(16, 30)))
	assert cal.hours[5] == ((time(9), time(12)),)
	assert cal.holidays == frozenset({date(2025, 9, 5), date(2025, 12, 25)})
	assert cal.timezone == "Asia/Jakarta"


def test_from_rows_accepts_timedelta_times_from_database():
	cal = WorkingCalendar.from_rows([("Senin", timedelta(hours=8), timedelta(hours=15, minutes=30))])
	assert cal.hours[0] == ((time(8), time(15, 30)),)
	# str(timedelta) as produced by Frappe: "8:00:00", optionally with microseconds.
	cal = WorkingCalendar.from_rows([("Selasa", "8:00:00", "16:00:00.000000")])
	assert cal.hours[1] == ((time(8), time(16)),)


def test_from_rows_unknown_day():
	with pytest.raises(ValueError, match="Nama hari tidak dikenal: 'Jumaat'"):
		WorkingCalendar.from_rows([("Jumaat", "08:00", "11:00")])


def test_from_rows_end_not_after_start():
	with pytest.raises(
		ValueError, match="hari Senin tidak valid: jam selesai 08:00 harus setelah jam mulai 16:00"
	):
		WorkingCalendar.from_rows([("Senin", "16:00", "08:00")])
	with pytest.raises(ValueError, match="hari Senin tidak valid"):
		WorkingCalendar.from_rows([("Senin", "08:00", "08:00")])


def test_from_rows_overlap_message():
	with pytest.raises(ValueError) as exc:
		WorkingCalendar.from_rows([("Jumat", "10:00", "12:00"), ("Jumat", "08:00", "11:00")])
	assert str(exc.value) == "Jam layanan hari Jumat tumpang tindih: 08:00\u201311:00 dan 10:00\u201312:00."


def test_from_rows_bad_time_and_timezone():
	with pytest.raises(ValueError, match="Jam tidak valid: 'pagi'"):
		WorkingCalendar.from_rows([("Senin", "pagi", "16:00")])
	with pytest.raises(ValueError, match="Zona waktu tidak dikenal"):
		WorkingCalendar.from_rows(WEEKDAY_HOURS, timezone="Asia/Gorontalo")


def test_calendar_is_hashable_and_comparable(holidays):
	a = WorkingCalendar.from_rows(POHUWATO_HOURS, holidays, "Asia/Makassar")
	b = WorkingCalendar.from_rows(reversed(POHUWATO_HOURS), holidays, "Asia/Makassar")
	assert a == b
	assert hash(a) == hash(b)


# -- day queries ----------------------------------------------------------------


def test_is_working_day(pohuwato):
	assert pohuwato.is_working_day(date(2025, 9, 12))  # Friday
	assert not pohuwato.is_working_day(date(2025, 9, 13))  # Saturday
	assert not pohuwato.is_working_day(date(2025, 9, 14))  # Sunday
	assert not pohuwato.is_working_day(date(2025, 9, 5))  # Maulid Nabi (Friday)
	assert not pohuwato.is_working_day(date(2026, 3, 18))  # cuti bersama Nyepi


def test_intervals_on(pohuwato):
	assert pohuwato.intervals_on(date(2025, 9, 12)) == [
		(datetime(2025, 9, 12, 8), datetime(2025, 9, 12, 11)),
		(datetime(2025, 9, 12, 14), datetime(2025, 9, 12, 16, 30)),
	]
	assert pohuwato.intervals_on(date(2025, 9, 15)) == [(datetime(2025, 9, 15, 8), datetime(2025, 9, 15, 16))]
	assert pohuwato.intervals_on(date(2025, 9, 13)) == []
	assert pohuwato.intervals_on(date(2025, 12, 25)) == []


# -- working_minutes ------------------------------------------------------------


def test_working_minutes_friday(pohuwato):
	assert pohuwato.working_minutes(datetime(2025, 9, 12, 8), datetime(2025, 9, 12, 16, 30)) == 330


def test_working_minutes_full_week(pohuwato):
	# Mon 15 .. Fri 19 Sep 2025, no holidays: 4 * 480 + 330.
	assert pohuwato.working_minutes(datetime(2025, 9, 15), datetime(2025, 9, 20)) == 4 * 480 + 330 == 2250
	# Extending over the weekend adds nothing.
	assert pohuwato.working_minutes(datetime(2025, 9, 15), datetime(2025, 9, 22, 8)) == 2250


def test_working_minutes_partial_and_edge_cases(pohuwato):
	fri = date(2025, 9, 12)
	at = lambda h, m=0, s=0: datetime.combine(fri, time(h, m, s))  # noqa: E731
	assert pohuwato.working_minutes(at(10, 45), at(14, 15)) == 30
	assert pohuwato.working_minutes(at(11), at(14)) == 0  # lunch/Friday prayer break
	assert pohuwato.working_minutes(at(8), at(8, 0, 59)) == 0  # rounded down
	assert pohuwato.working_minutes(at(8), at(8, 1, 59)) == 1
	assert pohuwato.working_minutes(at(12), at(9)) == 0  # end before start
	assert pohuwato.working_minutes(datetime(2025, 9, 5, 8), datetime(2025, 9, 5, 17)) == 0  # holiday


def test_working_minutes_with_overlapping_pauses_counted_once(pohuwato):
	mon = date(2025, 9, 15)
	at = lambda h, m=0: datetime.combine(mon, time(h, m))  # noqa: E731
	pauses = [(at(9, 30), at(10, 30)), (at(9), at(10)), (at(15, 30), at(18))]
	# 09:00-10:30 (90) + 15:30-16:00 (30) paused out of 480.
	assert pohuwato.working_minutes(at(8), at(16), pauses) == 480 - 90 - 30
	# Pauses outside [start, end) are ignored.
	assert pohuwato.working_minutes(at(11), at(12), pauses) == 60


def test_working_minutes_whole_year_matches_day_count_and_is_fast(pohuwato, holidays):
	expected = 0
	d = date(2025, 1, 1)
	while d.year == 2025:
		if d not in holidays:
			expected += {0: 480, 1: 480, 2: 480, 3: 480, 4: 330}.get(d.weekday(), 0)
		d += timedelta(days=1)
	started = clock.perf_counter()
	assert pohuwato.working_minutes(datetime(2025, 1, 1), datetime(2026, 1, 1)) == expected
	# 2025 has 237 working days (Mon-Thu 209 - 16 holidays, Fri 52 - 8 holidays); the last is Wed 31 Dec.
	assert pohuwato.add_working_days(datetime(2025, 1, 1, 9), 237) == datetime(2025, 12, 31, 16)
	assert pohuwato.add_working_days(datetime(2025, 1, 1, 9), 238) == datetime(2026, 1, 2, 16, 30)
	assert clock.perf_counter() - started < 0.5
	assert expected == 193 * 480 + 44 * 330 == 107_160


# -- add_working_minutes --------------------------------------------------------


def test_thirty_minutes_from_friday_1045_spans_the_break(pohuwato):
	# 10:45-11:00 (15 min) then 14:00-14:15 (15 min).
	assert pohuwato.add_working_minutes(datetime(2025, 9, 12, 10, 45), 30) == datetime(2025, 9, 12, 14, 15)


def test_exactly_at_interval_end_returns_the_end(pohuwato):
	assert pohuwato.add_working_minutes(datetime(2025, 9, 12, 10, 45), 15) == datetime(2025, 9, 12, 11)
	assert pohuwato.add_working_minutes(datetime(2025, 9, 11, 15, 30), 30) == datetime(2025, 9, 11, 16)


def test_thursday_afternoon_rolls_to_friday_morning(pohuwato):
	# Thu 15:50-16:00 (10 min), Fri 08:00-08:20 (20 min).
	assert pohuwato.add_working_minutes(datetime(2025, 9, 11, 15, 50), 30) == datetime(2025, 9, 12, 8, 20)


def test_start_on_saturday_counts_from_monday(pohuwato):
	assert pohuwato.add_working_minutes(datetime(2025, 9, 13, 10), 30) == datetime(2025, 9, 15, 8, 30)


def test_start_before_opening_counts_from_opening(pohuwato):
	assert pohuwato.add_working_minutes(datetime(2025, 9, 15, 7), 30) == datetime(2025, 9, 15, 8, 30)


def test_zero_minutes(pohuwato):
	inside = datetime(2025, 9, 12, 10, 45)
	assert pohuwato.add_working_minutes(inside, 0) == inside
	assert pohuwato.add_working_minutes(datetime(2025, 9, 12, 11), 0) == datetime(2025, 9, 12, 14)
	assert pohuwato.add_working_minutes(datetime(2025, 9, 12, 12), 0) == datetime(2025, 9, 12, 14)
	assert pohuwato.add_working_minutes(datetime(2025, 9, 12, 17), 0) == datetime(2025, 9, 15, 8)


def test_minutes_skip_holidays(pohuwato):
	# Thu 4 Sep 2025 15:00 + 120: 60 min Thursday, Fri 5 Sep is Maulid, 60 min Monday.
	assert pohuwato.add_working_minutes(datetime(2025, 9, 4, 15), 120) == datetime(2025, 9, 8, 9)


def test_add_working_minutes_is_inverse_of_working_minutes(pohuwato):
	start = datetime(2025, 3, 20, 13, 17)
	for minutes in (1, 59, 480, 1441, 5000, 20000):
		end = pohuwato.add_working_minutes(start, minutes)
		assert pohuwato.working_minutes(start, end) == minutes


def test_negative_minutes_rejected(pohuwato):
	with pytest.raises(ValueError, match="tidak boleh negatif"):
		pohuwato.add_working_minutes(datetime(2025, 9, 12, 9), -1)


def test_calendar_without_hours_raises_instead_of_looping():
	NO_SERVICE = "^" + re.escape("Kalender kerja tidak memiliki jam layanan.") + "$"
	empty = WorkingCalendar({})
	with pytest.raises(ValueError, match=NO_SERVICE):
		empty.add_working_minutes(datetime(2025, 1, 1), 10)
	with pytest.raises(ValueError, match=NO_SERVICE):
		empty.add_working_days(datetime(2025, 1, 1), 1)
	with pytest.raises(ValueError, match=NO_SERVICE):
		empty.add_working_days(datetime(2025, 1, 1), 0)


# -- add_working_days -----------------------------------------------------------


def test_ten_working_days_across_nyepi_and_idul_fitri_2026(pohuwato):
	# Start Mon 16 Mar 2026 (own day not counted):
	#  17 Tue (1); 18 cuti Nyepi; 19 Nyepi; 20 cuti Idul Fitri; 21-22 weekend/Idul Fitri;
	#  23-24 cuti Idul Fitri; 25 Wed (2), 26 (3), 27 Fri (4), 30 Mon (5), 31 (6),
	#  1 Apr (7), 2 Apr (8), 3 Apr Wafat Yesus Kristus, 6 Apr Mon (9), 7 Apr Tue (10) -> 16:00.
	due = pohuwato.add_working_days(datetime(2026, 3, 16, 10), 10)
	assert due == datetime(2026, 4, 7, 16)


def test_working_days_across_idul_fitri_2025(pohuwato):
	# Start Thu 27 Mar 2025: 28 cuti Nyepi; 29 Nyepi (Sat); 31 Mar-1 Apr Idul Fitri;
	#  2, 3, 4, 7 Apr cuti; 8 Tue (1), 9 (2), 10 (3), 11 Fri (4) -> Friday close 16:30;
	#  14 (5), 15 (6), 16 (7), 17 (8), 18 Wafat Yesus Kristus, 21 Mon (9), 22 Tue (10).
	start = datetime(2025, 3, 27, 9, 30)
	assert pohuwato.add_working_days(start, 1) == datetime(2025, 4, 8, 16)
	assert pohuwato.add_working_days(start, 4) == datetime(2025, 4, 11, 16, 30)
	assert pohuwato.add_working_days(start, 10) == datetime(2025, 4, 22, 16)


def test_zero_working_days(pohuwato):
	assert pohuwato.add_working_days(datetime(2025, 9, 12, 9), 0) == datetime(2025, 9, 12, 16, 30)
	assert pohuwato.add_working_days(datetime(2025, 9, 12, 18), 0) == datetime(2025, 9, 12, 16, 30)
	assert pohuwato.add_working_days(datetime(2025, 9, 13, 9), 0) == datetime(2025, 9, 15, 16)


def test_working_days_from_weekend(pohuwato):
	assert pohuwato.add_working_days(datetime(2025, 9, 13, 9), 1) == datetime(2025, 9, 15, 16)
	assert pohuwato.add_working_days(datetime(2025, 9, 13, 9), 5) == datetime(2025, 9, 19, 16, 30)


# -- time zones -----------------------------------------------------------------


def test_convert_timezone_naive_in_naive_out():
	utc = datetime(2025, 9, 15, 7, 30)
	assert convert_timezone(utc, "UTC", "Asia/Jakarta") == datetime(2025, 9, 15, 14, 30)
	assert convert_timezone(utc, "UTC", "Asia/Makassar") == datetime(2025, 9, 15, 15, 30)
	assert convert_timezone(utc, "UTC", "Asia/Jayapura") == datetime(2025, 9, 15, 16, 30)
	assert convert_timezone(datetime(2025, 9, 15, 14, 30), "Asia/Jakarta", "Asia/Jayapura") == datetime(
		2025, 9, 15, 16, 30
	)
	assert convert_timezone(utc, "UTC", "Asia/Jakarta").tzinfo is None


def test_wib_and_wit_offices_get_different_due_times():
	jakarta = WorkingCalendar.from_rows(WEEKDAY_HOURS, timezone="Asia/Jakarta")
	jayapura = WorkingCalendar.from_rows(WEEKDAY_HOURS, timezone="Asia/Jayapura")
	request_utc = datetime(2025, 9, 15, 7, 30)  # Monday

	local_jkt = convert_timezone(request_utc, "UTC", jakarta.timezone)
	local_jyp = convert_timezone(request_utc, "UTC", jayapura.timezone)
	assert local_jkt == datetime(2025, 9, 15, 14, 30)  # 14:30 WIB, office open
	assert local_jyp == datetime(2025, 9, 15, 16, 30)  # 16:30 WIT, after 16:00 close

	due_jkt = jakarta.add_working_minutes(local_jkt, 30)
	due_jyp = jayapura.add_working_minutes(local_jyp, 30)
	assert due_jkt == datetime(2025, 9, 15, 15)  # same day 15:00 WIB
	assert due_jyp == datetime(2025, 9, 16, 8, 30)  # next working day 08:30 WIT

	# Back in UTC the deadlines differ too: 08:00 UTC vs 23:30 UTC.
	assert convert_timezone(due_jkt, jakarta.timezone, "UTC") == datetime(2025, 9, 15, 8)
	assert convert_timezone(due_jyp, jayapura.timezone, "UTC") == datetime(2025, 9, 15, 23, 30)
