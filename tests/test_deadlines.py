from datetime import datetime

import pytest

from kpu_dumas.core.deadlines import (
	Duration,
	StageStatus,
	Unit,
	due_time,
	format_minutes,
	stage_status,
	time_spent,
)

# -- Unit / Duration ------------------------------------------------------------


def test_unit_values_are_select_options():
	assert [u.value for u in Unit] == ["Menit", "Jam", "Hari Kerja", "Hari Kalender", "Menyesuaikan"]
	assert Unit("Hari Kerja") is Unit.WORKING_DAYS
	assert Unit.HOURS == "Jam"
	assert f"{Unit.MINUTES}" == "Menit"


def test_duration_parse():
	assert Duration.parse(30, "Menit") == Duration(30, Unit.MINUTES)
	assert Duration.parse("2", "Jam") == Duration(2, Unit.HOURS)
	assert Duration.parse(10.0, "Hari Kerja") == Duration(10, Unit.WORKING_DAYS)
	assert Duration.parse("30", "hari kalender") == Duration(30, Unit.CALENDAR_DAYS)
	assert Duration.parse(None, "Menyesuaikan") == Duration(0, Unit.NONE)
	assert Duration.parse("", "Menyesuaikan") == Duration(0, Unit.NONE)
	assert Duration.parse(5, Unit.MINUTES).amount == 5


def test_duration_parse_errors():
	with pytest.raises(ValueError, match="Satuan durasi tidak dikenal: 'Detik'"):
		Duration.parse(5, "Detik")
	with pytest.raises(ValueError, match="Satuan durasi tidak dikenal: ''"):
		Duration.parse(5, None)
	with pytest.raises(ValueError, match="tidak boleh negatif; yang diisi -1"):
		Duration.parse(-1, "Menit")
	with pytest.raises(ValueError, match="harus lebih dari 0 untuk satuan Hari Kerja"):
		Duration.parse(0, "Hari Kerja")
	with pytest.raises(ValueError, match="harus lebih dari 0 untuk satuan Menit"):
		Duration.parse(None, "Menit")
	with pytest.raises(ValueError, match="harus bilangan bulat"):
		Duration.parse(1.5, "Jam")
	with pytest.raises(ValueError, match="harus berupa angka"):
		Duration.parse("dua", "Jam")


def test_duration_labels():
	assert Duration(30, Unit.MINUTES).label() == "30 menit"
	assert Duration(2, Unit.HOURS).label() == "2 jam"
	assert Duration(10, Unit.WORKING_DAYS).label() == "10 hari kerja"
	assert Duration(30, Unit.CALENDAR_DAYS).label() == "30 hari"
	assert Duration(0, Unit.NONE).label() == "Menyesuaikan"


# -- due_time without pauses ----------------------------------------------------


def test_due_minutes_and_hours(pohuwato):
	fri = datetime(2025, 9, 12, 10, 45)
	assert due_time(pohuwato, fri, Duration(30, Unit.MINUTES)) == datetime(2025, 9, 12, 14, 15)
	# 2 hours from Fri 10:45: 15 min before the break, 105 after -> 15:45.
	assert due_time(pohuwato, fri, Duration(2, Unit.HOURS)) == datetime(2025, 9, 12, 15, 45)
	assert due_time(pohuwato, datetime(2025, 9, 11, 15, 50), Duration(30, Unit.MINUTES)) == datetime(
		2025, 9, 12, 8, 20
	)


def test_due_working_days(pohuwato):
	assert due_time(pohuwato, datetime(2026, 3, 16, 10), Duration(10, Unit.WORKING_DAYS)) == datetime(
		2026, 4, 7, 16
	)


def test_due_calendar_days(pohuwato):
	assert due_time(pohuwato, datetime(2025, 9, 8, 10), Duration(30, Unit.CALENDAR_DAYS)) == datetime(
		2025, 10, 8, 23, 59, 59
	)


def test_due_none(pohuwato):
	assert due_time(pohuwato, datetime(2025, 9, 8, 10), Duration(0, Unit.NONE)) is None


# -- due_time with pauses -------------------------------------------------------

# 10 working days from Fri 12 Sep 2025: 15..19 (1-5), 22..26 (6-10) -> Fri 26 Sep 16:30.
START = datetime(2025, 9, 12, 9)
TEN_DAYS = Duration(10, Unit.WORKING_DAYS)
DUE_10 = datetime(2025, 9, 26, 16, 30)


def test_ten_day_due_without_pause(pohuwato):
	assert due_time(pohuwato, START, TEN_DAYS) == DUE_10


def test_three_day_pause_moves_due_by_exactly_the_paused_working_time(pohuwato):
	pause = (datetime(2025, 9, 15, 8), datetime(2025, 9, 18, 8))  # Mon 08:00 - Thu 08:00
	assert pohuwato.working_minutes(*pause) == 3 * 480 == 1440
	due = due_time(pohuwato, START, TEN_DAYS, [pause])
	assert due == pohuwato.add_working_minutes(DUE_10, 1440)
	# From Fri 26 Sep close: Mon 29, Tue 30 Sep, Wed 1 Oct full days -> Wed 16:00.
	assert due == datetime(2025, 10, 1, 16)


def test_pause_moves_minute_deadline_by_paused_working_minutes(pohuwato):
	start = datetime(2025, 9, 15, 9)  # Mon
	two_hours = Duration(120, Unit.MINUTES)
	assert due_time(pohuwato, start, two_hours) == datetime(2025, 9, 15, 11)
	# Paused Mon 10:00 - Thu 10:00: 360 + 480 + 480 + 120 = 1440 working minutes.
	pause = (datetime(2025, 9, 15, 10), datetime(2025, 9, 18, 10))
	due = due_time(pohuwato, start, two_hours, [pause])
	assert due == pohuwato.add_working_minutes(datetime(2025, 9, 15, 11), 1440)
	# The hour left when the clock stopped runs Thu 10:00-11:00.
	assert due == datetime(2025, 9, 18, 11)


def test_pause_after_due_changes_nothing(pohuwato):
	after = (datetime(2025, 10, 1, 8), datetime(2025, 10, 3, 8))
	assert due_time(pohuwato, START, TEN_DAYS, [after]) == DUE_10
	starting_at_due = (DUE_10, datetime(2025, 10, 3, 8))
	assert due_time(pohuwato, START, TEN_DAYS, [starting_at_due]) == DUE_10


def test_pause_before_start_changes_nothing(pohuwato):
	before = (datetime(2025, 9, 1, 8), datetime(2025, 9, 12, 9))
	assert due_time(pohuwato, START, TEN_DAYS, [before]) == DUE_10


def test_pause_partly_in_working_hours_moves_only_working_minutes(pohuwato):
	# Fri 19 Sep 10:00 - Sat 20 Sep 12:00: working time 10:00-11:00 + 14:00-16:30 = 210 min.
	pause = (datetime(2025, 9, 19, 10), datetime(2025, 9, 20, 12))
	due = due_time(pohuwato, START, TEN_DAYS, [pause])
	# From Fri 26 Sep 16:30: Mon 29 Sep 08:00 + 210 min = 11:30.
	assert due == datetime(2025, 9, 29, 11, 30)


def test_pause_clipped_to_stage_start(pohuwato):
	# Pause began before the stage; only Fri 12 Sep 09:00-11:00 and 14:00-16:30 (270 min) count.
	pause = (datetime(2025, 9, 11, 8), datetime(2025, 9, 12, 17))
	due = due_time(pohuwato, START, TEN_DAYS, [pause])
	assert due == pohuwato.add_working_minutes(DUE_10, 270) == datetime(2025, 9, 29, 12, 30)


def test_overlapping_pauses_count_once(pohuwato):
	a = (datetime(2025, 9, 15, 8), datetime(2025, 9, 17, 8))
	b = (datetime(2025, 9, 16, 8), datetime(2025, 9, 18, 8))
	assert due_time(pohuwato, START, TEN_DAYS, [b, a]) == datetime(2025, 10, 1, 16)


def test_two_separate_pauses_accumulate(pohuwato):
	first = (datetime(2025, 9, 15, 8), datetime(2025, 9, 16, 8))  # 480
	second = (datetime(2025, 9, 22, 8), datetime(2025, 9, 22, 12))  # 240
	due = due_time(pohuwato, START, TEN_DAYS, [second, first])
	assert due == pohuwato.add_working_minutes(DUE_10, 720) == datetime(2025, 9, 30, 12)


def test_pause_starting_after_original_due_but_before_pushed_due(pohuwato):
	# First pause pushes the 2-hour due from Mon 11:00 to Tue 11:00; a second pause at Tue 10:00
	# (after the original due) still lies before the pushed due and therefore counts.
	start = datetime(2025, 9, 15, 9)
	first = (datetime(2025, 9, 15, 10), datetime(2025, 9, 16, 10))  # 480 min
	second = (datetime(2025, 9, 16, 10, 30), datetime(2025, 9, 16, 11))  # 30 min
	due = due_time(pohuwato, start, Duration(2, Unit.HOURS), [first, second])
	assert due == datetime(2025, 9, 16, 11, 30)


def test_pause_on_calendar_day_deadline_moves_by_calendar_length(pohuwato):
	start = datetime(2025, 9, 8, 10)
	pause = (datetime(2025, 9, 10, 12), datetime(2025, 9, 12, 18))  # 2 days 6 hours
	due = due_time(pohuwato, start, Duration(30, Unit.CALENDAR_DAYS), [pause])
	assert due == datetime(2025, 10, 11, 5, 59, 59)
	clipped = (datetime(2025, 9, 1), datetime(2025, 9, 9, 10))  # only 1 day after start counts
	assert due_time(pohuwato, start, Duration(30, Unit.CALENDAR_DAYS), [clipped]) == datetime(
		2025, 10, 9, 23, 59, 59
	)


# -- stage_status / time_spent / format_minutes ---------------------------------


def test_stage_status_all_branches():
	due = datetime(2025, 9, 12, 14, 15)
	assert stage_status(None, None, due) is StageStatus.NO_LIMIT
	assert stage_status(None, due, due) is StageStatus.NO_LIMIT
	assert stage_status(due, due, datetime(2025, 9, 20)) is StageStatus.ON_TIME
	assert stage_status(due, datetime(2025, 9, 12, 14, 16), due) is StageStatus.LATE
	assert stage_status(due, None, due) is StageStatus.RUNNING
	assert stage_status(due, None, datetime(2025, 9, 12, 14, 15, 1)) is StageStatus.LATE
	assert StageStatus.ON_TIME == "Tepat Waktu" and StageStatus.NO_LIMIT.value == "Tanpa Batas"


def test_time_spent(pohuwato):
	entered = datetime(2025, 9, 11, 15, 50)
	left = datetime(2025, 9, 15, 9)
	# Thu 10 + Fri 330 + Mon 60.
	assert time_spent(pohuwato, entered, left) == 400
	assert time_spent(pohuwato, entered, left, [(datetime(2025, 9, 12), datetime(2025, 9, 13))]) == 70


def test_format_minutes():
	assert format_minutes(0) == "0 menit"
	assert format_minutes(45) == "45 menit"
	assert format_minutes(60) == "1 jam"
	assert format_minutes(125) == "2 jam 5 menit"
	assert format_minutes(26 * 60 + 15) == "26 jam 15 menit"
	assert format_minutes(-90) == "-1 jam 30 menit"
