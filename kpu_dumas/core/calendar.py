"""Office working calendar: service hours, holidays and working-time arithmetic.

All datetimes handled here are naive and expressed in the office's own time zone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Interval = tuple[datetime.time, datetime.time]

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# Default office hours shipped by the app (KPU Kabupaten Pohuwato).
POHUWATO_HOURS = (
	("Senin", "08:00", "16:00"),
	("Selasa", "08:00", "16:00"),
	("Rabu", "08:00", "16:00"),
	("Kamis", "08:00", "16:00"),
	("Jumat", "08:00", "11:00"),
	("Jumat", "14:00", "16:30"),
)

# Upper bound on consecutive closed days before a calendar is declared unusable.
_MAX_SCAN_DAYS = 366 * 5
_NO_SERVICE = "Kalender kerja tidak memiliki jam layanan."
_DAY_ALIASES = {"jum'at": 4, "ahad": 6}
_ONE_DAY = datetime.timedelta(days=1)
_ONE_MINUTE = datetime.timedelta(minutes=1)
_EN_DASH = "\u2013"


def _fmt_time(t: datetime.time) -> str:
	return t.strftime("%H:%M:%S") if t.second else t.strftime("%H:%M")


def _parse_day(value: str | int) -> int:
	if isinstance(value, bool):
		raise ValueError(f"Nama hari tidak dikenal: {value!r}.")
	if isinstance(value, int):
		if 0 <= value <= 6:
			return value
		raise ValueError(f"Nomor hari harus 0 (Senin) sampai 6 (Minggu); yang diisi {value}.")
	key = str(value).strip().lower()
	for index, name in enumerate(DAY_NAMES):
		if key == name.lower():
			return index
	if key in _DAY_ALIASES:
		return _DAY_ALIASES[key]
	raise ValueError(f"Nama hari tidak dikenal: {value!r}. Gunakan salah satu dari: {', '.join(DAY_NAMES)}.")


def _parse_time(value: str | datetime.time | datetime.timedelta) -> datetime.time:
	if isinstance(value, datetime.datetime):
		return value.time()
	if isinstance(value, datetime.time):
		return value
	if isinstance(value, datetime.timedelta):
		# Frappe returns Time columns as timedelta when read from the database.
		seconds = int(value.total_seconds())
		if 0 <= seconds < 86400:
			return datetime.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
		raise ValueError(f"Jam tidak valid: {value}.")
	text = str(value).strip()
	parts = text.split(":")
	try:
		if len(parts) not in (2, 3):
			raise ValueError
		hour, minute = int(parts[0]), int(parts[1])
		second = int(float(parts[2])) if len(parts) == 3 else 0
		return datetime.time(hour, minute, second)
	except ValueError:
		raise ValueError(f"Jam tidak valid: {text!r}. Gunakan format JJ:MM, misalnya 08:00.") from None


def _parse_date(value: datetime.date | str) -> datetime.date:
	if isinstance(value, datetime.datetime):
		return value.date()
	if isinstance(value, datetime.date):
		return value
	text = str(value).strip()
	try:
		return datetime.date.fromisoformat(text[:10])
	except ValueError:
		raise ValueError(f"Tanggal tidak valid: {text!r}. Gunakan format TTTT-BB-HH.") from None


def _normalize_hours(hours: Mapping[int, Iterable[Interval]]) -> Mapping[int, tuple[Interval, ...]]:
	result: dict[int, tuple[Interval, ...]] = {}
	for day, intervals in hours.items():
		weekday = _parse_day(day)
		items = sorted((_parse_time(s), _parse_time(e)) for s, e in intervals)
		name = DAY_NAMES[weekday]
		for start, end in items:
			if end <= start:
				raise ValueError(
					f"Jam layanan hari {name} tidak valid: jam selesai {_fmt_time(end)} "
					f"harus setelah jam mulai {_fmt_time(start)}."
				)
		for (s1, e1), (s2, e2) in pairwise(items):
			if s2 < e1:
				raise ValueError(
					f"Jam layanan hari {name} tumpang tindih: "
					f"{_fmt_time(s1)}{_EN_DASH}{_fmt_time(e1)} dan {_fmt_time(s2)}{_EN_DASH}{_fmt_time(e2)}."
				)
		if items:
			result[weekday] = result.get(weekday, ()) + tuple(items)
	return MappingProxyType(result)


def merge_spans(spans: Iterable[tuple[datetime.datetime, datetime.datetime]]):
	"""Sort spans and merge overlapping/adjacent ones; empty spans are dropped."""
	merged: list[list[datetime.datetime]] = []
	for start, end in sorted((s, e) for s, e in spans if e > s):
		if merged and start <= merged[-1][1]:
			merged[-1][1] = max(merged[-1][1], end)
		else:
			merged.append([start, end])
	return [(s, e) for s, e in merged]


@dataclass(frozen=True)
class WorkingCalendar:
	hours: Mapping[int, tuple[Interval, ...]]
	holidays: frozenset[datetime.date] = field(default_factory=frozenset)
	timezone: str = "Asia/Jakarta"

	def __post_init__(self):
		object.__setattr__(self, "hours", _normalize_hours(self.hours))
		object.__setattr__(self, "holidays", frozenset(_parse_date(d) for d in self.holidays))
		try:
			ZoneInfo(self.timezone)
		except (ZoneInfoNotFoundError, ValueError):
			raise ValueError(f"Zona waktu tidak dikenal: {self.timezone!r}.") from None

	def __hash__(self):
		return hash((tuple(sorted(self.hours.items())), self.holidays, self.timezone))

	# -- construction -------------------------------------------------------

	@classmethod
	def from_rows(
		cls,
		rows: Iterable[tuple[str | int, str | datetime.time, str | datetime.time]],
		holidays: Iterable[datetime.date | str] = (),
		timezone: str = "Asia/Jakarta",
	) -> WorkingCalendar:
		hours: dict[int, list[Interval]] = {}
		for day, start, end in rows:
			hours.setdefault(_parse_day(day), []).append((_parse_time(start), _parse_time(end)))
		return cls(hours=hours, holidays=frozenset(_parse_date(d) for d in holidays), timezone=timezone)

	# -- day queries --------------------------------------------------------

	def is_working_day(self, d: datetime.date) -> bool:
		if isinstance(d, datetime.datetime):
			d = d.date()
		return d not in self.holidays and bool(self.hours.get(d.weekday()))

	def intervals_on(self, d: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
		if isinstance(d, datetime.datetime):
			d = d.date()
		if d in self.holidays:
			return []
		combine = datetime.datetime.combine
		return [(combine(d, s), combine(d, e)) for s, e in self.hours.get(d.weekday(), ())]

	def _closing(self, d: datetime.date) -> datetime.datetime:
		return self.intervals_on(d)[-1][1]

	# -- arithmetic ---------------------------------------------------------

	def _service_time(self, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
		total = datetime.timedelta()
		if end <= start:
			return total
		day = start.date()
		last = end.date()
		while day <= last:
			for s, e in self.intervals_on(day):
				lo, hi = max(s, start), min(e, end)
				if hi > lo:
					total += hi - lo
			day += _ONE_DAY
		return total

	def working_minutes(
		self,
		start: datetime.datetime,
		end: datetime.datetime,
		pauses: Iterable[tuple[datetime.datetime, datetime.datetime]] = (),
	) -> int:
		if end <= start:
			return 0
		total = self._service_time(start, end)
		for p_start, p_end in merge_spans(pauses):
			total -= self._service_time(max(p_start, start), min(p_end, end))
		return total // _ONE_MINUTE

	def add_working_minutes(self, start: datetime.datetime, minutes: int) -> datetime.datetime:
		if minutes < 0:
			raise ValueError("Jumlah menit tidak boleh negatif.")
		remaining = datetime.timedelta(minutes=minutes)
		day = start.date()
		closed_days = 0
		while closed_days <= _MAX_SCAN_DAYS:
			found = False
			for s, e in self.intervals_on(day):
				if e <= start:
					continue
				found = True
				begin = max(s, start)
				available = e - begin
				if remaining <= available:
					return begin + remaining
				remaining -= available
			closed_days = 0 if found else closed_days + 1
			day += _ONE_DAY
		raise ValueError(_NO_SERVICE)

	def _next_working_day(self, d: datetime.date) -> datetime.date:
		for _ in range(_MAX_SCAN_DAYS):
			if self.is_working_day(d):
				return d
			d += _ONE_DAY
		raise ValueError(_NO_SERVICE)

	def add_working_days(self, start: datetime.datetime, days: int) -> datetime.datetime:
		if days < 0:
			raise ValueError("Jumlah hari kerja tidak boleh negatif.")
		day = start.date() if isinstance(start, datetime.datetime) else start
		if days == 0:
			return self._closing(self._next_working_day(day))
		for _ in range(days):
			day = self._next_working_day(day + _ONE_DAY)
		return self._closing(day)


def convert_timezone(dt: datetime.datetime, from_tz: str, to_tz: str) -> datetime.datetime:
	"""Convert a naive wall-clock time in `from_tz` to the naive wall-clock time in `to_tz`."""
	if dt.tzinfo is None:
		dt = dt.replace(tzinfo=ZoneInfo(from_tz))
	return dt.astimezone(ZoneInfo(to_tz)).replace(tzinfo=None)
