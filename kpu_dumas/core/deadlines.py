"""Stage durations, due times (with clock-stopping pauses) and stage status."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from kpu_dumas.core.calendar import WorkingCalendar, merge_spans

Span = tuple[datetime.datetime, datetime.datetime]


class Unit(str, Enum):
	"""Duration units; the values are the Select options stored in DocTypes."""

	MINUTES = "Menit"
	HOURS = "Jam"
	WORKING_DAYS = "Hari Kerja"
	CALENDAR_DAYS = "Hari Kalender"
	NONE = "Menyesuaikan"

	def __str__(self) -> str:
		return self.value


_WORKING_UNITS = (Unit.MINUTES, Unit.HOURS, Unit.WORKING_DAYS)
_LABEL_SUFFIX = {
	Unit.MINUTES: "menit",
	Unit.HOURS: "jam",
	Unit.WORKING_DAYS: "hari kerja",
	Unit.CALENDAR_DAYS: "hari",
}


def _parse_unit(unit: str | Unit) -> Unit:
	if isinstance(unit, Unit):
		return unit
	text = str(unit or "").strip()
	for member in Unit:
		if text.lower() == member.value.lower():
			return member
	options = ", ".join(m.value for m in Unit)
	raise ValueError(f"Satuan durasi tidak dikenal: {text!r}. Pilihan yang tersedia: {options}.")


def _parse_amount(amount) -> int:
	if amount is None or (isinstance(amount, str) and not amount.strip()):
		return 0
	try:
		value = float(amount)
	except (TypeError, ValueError):
		raise ValueError(f"Jumlah durasi harus berupa angka; yang diisi {amount!r}.") from None
	if value != int(value):
		raise ValueError(f"Jumlah durasi harus bilangan bulat; yang diisi {amount!r}.")
	return int(value)


@dataclass(frozen=True)
class Duration:
	amount: int
	unit: Unit

	def __post_init__(self):
		object.__setattr__(self, "unit", _parse_unit(self.unit))
		if self.amount < 0:
			raise ValueError(f"Jumlah durasi tidak boleh negatif; yang diisi {self.amount}.")
		if self.amount == 0 and self.unit is not Unit.NONE:
			raise ValueError(
				f"Jumlah durasi harus lebih dari 0 untuk satuan {self.unit.value}; "
				f"pilih satuan {Unit.NONE.value} jika tidak ada batas waktu."
			)

	@classmethod
	def parse(cls, amount, unit: str) -> Duration:
		parsed_unit = _parse_unit(unit)
		value = _parse_amount(amount)
		if parsed_unit is Unit.NONE:
			if value < 0:
				raise ValueError(f"Jumlah durasi tidak boleh negatif; yang diisi {value}.")
			value = 0
		return cls(value, parsed_unit)

	def label(self) -> str:
		if self.unit is Unit.NONE:
			return Unit.NONE.value
		return f"{self.amount} {_LABEL_SUFFIX[self.unit]}"


class StageStatus(str, Enum):
	RUNNING = "Berjalan"
	ON_TIME = "Tepat Waktu"
	LATE = "Terlambat"
	NO_LIMIT = "Tanpa Batas"

	def __str__(self) -> str:
		return self.value


def due_time(
	calendar: WorkingCalendar,
	start: datetime.datetime,
	duration: Duration,
	pauses: Iterable[Span] = (),
) -> datetime.datetime | None:
	"""Deadline of a stage entered at `start`; pauses (clock stopped) push it back."""
	unit = duration.unit
	if unit is Unit.NONE:
		return None
	if unit is Unit.MINUTES:
		due = calendar.add_working_minutes(start, duration.amount)
	elif unit is Unit.HOURS:
		due = calendar.add_working_minutes(start, duration.amount * 60)
	elif unit is Unit.WORKING_DAYS:
		due = calendar.add_working_days(start, duration.amount)
	else:
		day = start.date() + datetime.timedelta(days=duration.amount)
		due = datetime.datetime.combine(day, datetime.time(23, 59, 59))

	# Overlapping pauses are merged so that paused time is counted once.
	for p_start, p_end in merge_spans(pauses):
		if p_end <= start or p_start >= due:
			continue
		p_start = max(p_start, start)
		if unit in _WORKING_UNITS:
			paused = calendar.working_minutes(p_start, p_end)
			if paused:
				due = calendar.add_working_minutes(due, paused)
		else:
			due = due + (p_end - p_start)
	return due


def stage_status(
	due: datetime.datetime | None,
	left: datetime.datetime | None,
	now: datetime.datetime,
) -> StageStatus:
	if due is None:
		return StageStatus.NO_LIMIT
	if left is not None:
		return StageStatus.ON_TIME if left <= due else StageStatus.LATE
	return StageStatus.RUNNING if now <= due else StageStatus.LATE


def time_spent(
	calendar: WorkingCalendar,
	entered: datetime.datetime,
	left: datetime.datetime,
	pauses: Iterable[Span] = (),
) -> int:
	"""Working minutes spent in a stage, excluding paused time."""
	return calendar.working_minutes(entered, left, pauses)


def format_minutes(minutes: int) -> str:
	"""Render minutes as hours and minutes: "45 menit", "2 jam", "26 jam 15 menit"."""
	minutes = int(minutes)
	sign = "-" if minutes < 0 else ""
	hours, rest = divmod(abs(minutes), 60)
	if not hours:
		return f"{sign}{rest} menit"
	if not rest:
		return f"{sign}{hours} jam"
	return f"{sign}{hours} jam {rest} menit"
