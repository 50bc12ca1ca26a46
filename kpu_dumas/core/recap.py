"""Recaps of complaints and of their stage history, over plain rows (no Frappe).

The reports fetch grouped rows from the database (one row per combination, with a `jumlah` count) or
plain rows (count 1); both go through the same functions here, so the tier-1 tests cover the arithmetic
the Desk and the Excel export show.

A complaint is *late* when any of its stages went past its time standard (a stage still open past its
due time counts too), *on time* when at least one timed stage is done and none is late. The on-time
share is on time / (on time + late): complaints with only running or unlimited stages are left out.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.dates import MONTHS, format_date
from kpu_dumas.core.deadlines import StageStatus
from kpu_dumas.core.kerahasiaan import ERASED

# Workflow states in the order of the flow (columns and stage rows follow it).
STATE_ORDER = (
	rules.DITERIMA,
	rules.PERLU_DILENGKAPI,
	rules.TERDAFTAR,
	rules.DITELAAH,
	rules.REKOMENDASI,
	rules.DITANGGAPI,
	rules.SELESAI,
	rules.TIDAK_DITINDAKLANJUTI,
	rules.DICABUT,
	rules.DIBATALKAN,
	rules.DIGABUNGKAN,
	rules.DIALIHKAN,
	rules.DITERUSKAN,
)
FINAL_STATES = tuple(s for s in STATE_ORDER if s in rules.FINAL_STATES)
# A merged complaint is the same matter as its main case: the Rekap counts the main case only.
NOT_COUNTED = (rules.DIGABUNGKAN,)

ON_TIME = StageStatus.ON_TIME.value
LATE = StageStatus.LATE.value
RUNNING = StageStatus.RUNNING.value
NO_LIMIT = StageStatus.NO_LIMIT.value

ANONYMOUS = "Anonim"
CONFIDENTIAL = "Dirahasiakan"
LAPOR_CHANNEL = "SP4N-LAPOR!"
EMPTY_VALUE = "(tidak diisi)"

DIMENSIONS = ("kanal", "kategori", "status", "instansi")
NOT_FORWARDED = "(tidak diteruskan)"  # the "instansi" breakdown's value for a complaint kept here
_MONTH_KEY = re.compile(r"^\d{4}-\d{1,2}$")


# --- labels -------------------------------------------------------------------------------------------


def reporter_label(anonim, rahasia, nama: str | None) -> str:
	"""What a register shows as the reporter: never the name of an anonymous or confidential one."""
	if anonim:
		return ANONYMOUS
	if nama == ERASED:  # erased at the end of its retention (kpu_dumas.retensi), rahasia or not
		return ERASED
	if rahasia:
		return CONFIDENTIAL
	return (nama or "").strip() or "-"


def channel_label(kanal: str | None, nomor_tiket: str | None = None) -> str:
	""" "SP4N-LAPOR! (tiket 1234)" for a LAPOR complaint with its ticket, else the channel."""
	kanal = kanal or ""
	tiket = (nomor_tiket or "").strip()
	if kanal == LAPOR_CHANNEL and tiket:
		return f"{kanal} (tiket {tiket})"
	return kanal


def path_note(
	status: str | None,
	digabung_ke: str | None = None,
	dialihkan_ke: str | None = None,
	diteruskan_ke: str | None = None,
	berasal_dari: str | None = None,
) -> str:
	"""Where a complaint went, or came from, as the register book writes it ("" for neither)."""
	notes = []
	if berasal_dari:
		notes.append(f"Dialihkan dari {berasal_dari}")
	if status == rules.DIGABUNGKAN and digabung_ke:
		notes.append(f"Digabungkan ke {digabung_ke}")
	elif status == rules.DIALIHKAN and dialihkan_ke:
		notes.append(f"Dialihkan ke {dialihkan_ke}")
	elif diteruskan_ke and status in (rules.DITERUSKAN, rules.TIDAK_DITINDAKLANJUTI):
		notes.append(f"Diteruskan ke {diteruskan_ke}")
	return "; ".join(notes)


def timeliness(has_late, has_on_time, is_open=False) -> str:
	"""A complaint's timeliness from its stages: Terlambat if any stage went past its standard, else
	Tepat Waktu if a timed stage was done in time, else Berjalan while open, else Tanpa Batas."""
	if has_late:
		return LATE
	if has_on_time:
		return ON_TIME
	if is_open:
		return RUNNING
	return NO_LIMIT


def complaint_timeliness(
	stages: Iterable[Mapping],
	is_open: bool,
	now: datetime.datetime | None = None,
	pause_states=rules.PAUSE_STATES,
) -> tuple[str, datetime.datetime | None]:
	"""(timeliness, due time of the open office stage) of one complaint from its stage rows, as a
	Pengaduan row keeps them (ketepatan_waktu, batas_waktu_tahap).

	Each row has tahap, status, keluar and batas_waktu (datetimes or None). The reporter's pause (Perlu
	Dilengkapi) never makes a complaint late. With `now`, an open office stage already past its due time
	counts as late before the hourly sweep marks it."""
	late = on_time = False
	running_due = None
	for row in stages:
		status = row.get("status")
		if status == ON_TIME:
			on_time = True
		if row.get("tahap") in pause_states:
			continue
		if status == LATE:
			late = True
		due = row.get("batas_waktu")
		if not row.get("keluar") and due:
			running_due = due if running_due is None else min(running_due, due)
			if now is not None and due < now:
				late = True
	return timeliness(late, on_time, is_open), running_due


def effective_timeliness(stored: str | None, running_due: datetime.datetime | None, now) -> str | None:
	"""The kept timeliness as the reports read it: an open stage past its due time is late now, even
	before the sweep has marked it (the SQL twin is reports.common.kept_timeliness)."""
	if running_due is not None and running_due < now:
		return LATE
	return stored


def on_time_share(on_time: int, late: int) -> float | None:
	"""Percentage on time, one decimal; None when nothing timed has finished."""
	judged = (on_time or 0) + (late or 0)
	if not judged:
		return None
	return round(100.0 * (on_time or 0) / judged, 1)


# --- months and periods -------------------------------------------------------------------------------


def _as_date(value) -> datetime.date:
	if isinstance(value, datetime.datetime):
		return value.date()
	if isinstance(value, datetime.date):
		return value
	text = str(value).strip()
	return datetime.date.fromisoformat(text[:10])


def month_key(value) -> str:
	"""'2025-03' for any date, datetime or ISO string in March 2025 (a 'YYYY-MM' key is kept)."""
	if isinstance(value, str) and _MONTH_KEY.match(value.strip()):
		year, month = value.strip().split("-")
		return f"{int(year):04d}-{int(month):02d}"
	d = _as_date(value)
	return f"{d.year:04d}-{d.month:02d}"


def month_label(key: str, short: bool = False) -> str:
	"""'Maret 2025' (or 'Mar 2025') for '2025-03'."""
	year, month = (int(part) for part in key.split("-"))
	name = MONTHS[month - 1]
	return f"{name[:3] if short else name} {year}"


def months_between(start, end) -> list[str]:
	"""Every month key from the month of `start` to the month of `end`, inclusive."""
	a, b = _as_date(start), _as_date(end)
	if b < a:
		raise ValueError(f"Periode tidak valid: {format_date(a)} sampai {format_date(b)}.")
	keys = []
	year, month = a.year, a.month
	while (year, month) <= (b.year, b.month):
		keys.append(f"{year:04d}-{month:02d}")
		year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	return keys


def period_label(start, end) -> str:
	"""'1 Januari 2025 s.d. 31 Desember 2025', or one date when both are the same day."""
	a, b = _as_date(start), _as_date(end)
	if a == b:
		return format_date(a)
	return f"{format_date(a)} s.d. {format_date(b)}"


# --- monthly recap ------------------------------------------------------------------------------------


def _count(row: Mapping) -> int:
	value = row.get("jumlah", 1)
	return 1 if value is None else int(value)


@dataclass
class MonthRow:
	bulan: str  # 'YYYY-MM'; '' for the total row
	jumlah: int = 0
	rincian: Counter = field(default_factory=Counter)
	tepat_waktu: int = 0
	terlambat: int = 0

	@property
	def persen_tepat_waktu(self) -> float | None:
		return on_time_share(self.tepat_waktu, self.terlambat)

	def add(self, value: str, ketepatan: str | None, n: int):
		self.jumlah += n
		self.rincian[value] += n
		if ketepatan == ON_TIME:
			self.tepat_waktu += n
		elif ketepatan == LATE:
			self.terlambat += n


@dataclass
class MonthlyRecap:
	dimension: str
	values: list[str]  # the breakdown columns, in order
	months: list[MonthRow]
	total: MonthRow
	states: Counter  # complaints per workflow state, whole period

	def summary(self) -> dict[str, int | float | None]:
		return status_summary(self.states, self.total.tepat_waktu, self.total.terlambat)


def monthly_recap(
	rows: Iterable[Mapping],
	dimension: str,
	months: Iterable[str] = (),
	values: Iterable[str] = (),
) -> MonthlyRecap:
	"""Complaints per month, broken down by `dimension` (kanal, kategori, status or instansi: the body a
	complaint was forwarded to).

	Each row has `bulan` (or `tanggal`), the dimension's key, `status` (the workflow state),
	`ketepatan` (see `timeliness`) and optionally `jumlah` (default 1). `months` lists months to show even
	when empty; `values` fixes the order of the breakdown columns (values found beyond them follow,
	sorted). An empty value is shown as EMPTY_VALUE.
	"""
	if dimension not in DIMENSIONS:
		raise ValueError(f"Rincian tidak dikenal: {dimension!r}. Pilihan: {', '.join(DIMENSIONS)}.")
	by_month: dict[str, MonthRow] = {key: MonthRow(key) for key in months}
	total = MonthRow("")
	states: Counter = Counter()
	for row in rows:
		key = month_key(row["bulan"] if row.get("bulan") else row["tanggal"])
		value = row.get(dimension) or (NOT_FORWARDED if dimension == "instansi" else EMPTY_VALUE)
		n = _count(row)
		by_month.setdefault(key, MonthRow(key)).add(value, row.get("ketepatan"), n)
		total.add(value, row.get("ketepatan"), n)
		states[row.get("status") or EMPTY_VALUE] += n
	ordered = list(dict.fromkeys(values))
	ordered += sorted(v for v in total.rincian if v not in ordered)
	return MonthlyRecap(
		dimension=dimension,
		values=ordered,
		months=[by_month[k] for k in sorted(by_month)],
		total=total,
		states=states,
	)


def status_summary(states: Mapping[str, int], on_time: int = 0, late: int = 0) -> dict:
	"""Totals for the summary cards: all, new, in progress, finished, not followed up, withdrawn."""
	total = sum(states.values())
	final = sum(states.get(s, 0) for s in FINAL_STATES)
	return {
		"jumlah": total,
		"baru": states.get(rules.DITERIMA, 0),
		"dalam_proses": total - final,
		"selesai": states.get(rules.SELESAI, 0),
		"tidak_ditindaklanjuti": states.get(rules.TIDAK_DITINDAKLANJUTI, 0),
		"dicabut": states.get(rules.DICABUT, 0),
		"dibatalkan": states.get(rules.DIBATALKAN, 0),
		"diteruskan": states.get(rules.DITERUSKAN, 0),
		"dialihkan": states.get(rules.DIALIHKAN, 0),
		"tepat_waktu": on_time,
		"terlambat": late,
		"persen_tepat_waktu": on_time_share(on_time, late),
	}


# --- stage compliance (Kepatuhan Mutu Baku) -----------------------------------------------------------


def weighted_median(pairs: Iterable[tuple[float, int]]) -> float | None:
	"""Median of values given as (value, how many times); the mean of the two middle values if even."""
	items = sorted((v, int(w)) for v, w in pairs if v is not None and w)
	n = sum(w for _, w in items)
	if not n:
		return None
	lower_pos, upper_pos = (n - 1) // 2, n // 2  # 0-based positions of the middle value(s)
	lower = upper = None
	seen = 0
	for value, weight in items:
		if lower is None and lower_pos < seen + weight:
			lower = value
		if upper_pos < seen + weight:
			upper = value
			break
		seen += weight
	median = (lower + upper) / 2
	return int(median) if median == int(median) else median


@dataclass
class StageCompliance:
	tahap: str
	selesai: int = 0  # completed visits to the stage
	tepat_waktu: int = 0
	terlambat: int = 0
	tanpa_batas: int = 0
	berjalan_terlambat: int = 0  # still open and already past due
	median_menit: float | None = None
	terlama_menit: int | None = None
	mutu_baku: str = ""  # the standard(s) recorded on the rows, e.g. "30 menit"
	_minutes: Counter = field(default_factory=Counter, repr=False)
	_standards: Counter = field(default_factory=Counter, repr=False)

	@property
	def persen_tepat_waktu(self) -> float | None:
		return on_time_share(self.tepat_waktu, self.terlambat)


def stage_compliance(rows: Iterable[Mapping], order: Iterable[str] = STATE_ORDER) -> list[StageCompliance]:
	"""Per stage: completed visits, median and slowest working time, the standard, on time and late.

	Each row has `tahap`, `status` (a stage still open past its due time must come as Terlambat),
	`selesai` (the stage was left), `waktu_kerja_menit`, `mutu_baku` and optionally `jumlah`.
	Final states are not stages anyone works in and are skipped.
	"""
	stages: dict[str, StageCompliance] = {}
	for row in rows:
		tahap = row.get("tahap") or EMPTY_VALUE
		if tahap in FINAL_STATES:
			continue
		s = stages.setdefault(tahap, StageCompliance(tahap))
		n = _count(row)
		status = row.get("status")
		if not row.get("selesai"):
			if status == LATE:
				s.berjalan_terlambat += n
			continue
		s.selesai += n
		if status == ON_TIME:
			s.tepat_waktu += n
		elif status == LATE:
			s.terlambat += n
		else:
			s.tanpa_batas += n
		minutes = row.get("waktu_kerja_menit")
		if minutes is not None:
			s._minutes[int(minutes)] += n
		if row.get("mutu_baku"):
			s._standards[row["mutu_baku"]] += n
	for s in stages.values():
		s.median_menit = weighted_median(s._minutes.items())
		s.terlama_menit = max(s._minutes) if s._minutes else None
		# Most used standard first; a switched set shows both.
		s.mutu_baku = "; ".join(label for label, _ in s._standards.most_common())
	rank = {name: i for i, name in enumerate(order)}
	return sorted(stages.values(), key=lambda s: (rank.get(s.tahap, len(rank)), s.tahap))


def compliance_total(stages: Iterable[StageCompliance], label: str = "Semua tahap") -> StageCompliance:
	"""The totals row: counts summed, slowest overall; no median across different standards."""
	total = StageCompliance(label)
	for s in stages:
		total.selesai += s.selesai
		total.tepat_waktu += s.tepat_waktu
		total.terlambat += s.terlambat
		total.tanpa_batas += s.tanpa_batas
		total.berjalan_terlambat += s.berjalan_terlambat
		if s.terlama_menit is not None:
			total.terlama_menit = max(total.terlama_menit or 0, s.terlama_menit)
	return total
