"""What the reports share: filters, the period in system time, the timeliness of a complaint.

Every report reads the same filters: a period of receipt (office dates, from_date to to_date inclusive),
and optionally a channel, a category and a workflow state. Frappe stores datetimes in the site's system
time zone while the office counts days in its own zone (WIB/WITA/WIT); the period and the month buckets
are converted once here, so each query compares raw columns and can use their indexes.

All queries are built with frappe.qb. The arithmetic lives in kpu_dumas.core.recap.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.utils import add_days, getdate
from pypika.terms import ExistsCriterion, Term, ValueWrapper

from kpu_dumas import clock
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import recap
from kpu_dumas.core.calendar import convert_timezone
from kpu_dumas.core.dates import MONTHS

DOCTYPE = "Pengaduan"
OPTIONAL_FILTERS = (
	("kanal", "kanal", "Kanal"),
	("kategori", "kategori", "Kategori"),
	("status", "workflow_state", "Status"),
)


@dataclass(frozen=True)
class Period:
	start: datetime.date  # office dates, inclusive
	end: datetime.date
	start_sys: datetime.datetime  # system-zone bounds: start_sys <= tanggal_diterima < end_sys
	end_sys: datetime.datetime
	office_tz: str
	system_tz: str

	@property
	def label(self) -> str:
		return recap.period_label(self.start, self.end)

	@property
	def months(self) -> list[str]:
		return recap.months_between(self.start, self.end)

	def to_system(self, day: datetime.date) -> datetime.datetime:
		midnight = datetime.datetime.combine(day, datetime.time())
		if self.office_tz == self.system_tz:
			return midnight
		return convert_timezone(midnight, self.office_tz, self.system_tz)

	def office_date(self, value: datetime.datetime | None) -> datetime.date | None:
		"""The office's calendar date of a system-zone datetime."""
		if value is None:
			return None
		if self.office_tz == self.system_tz:
			return value.date()
		# Zone offsets change on whole hours: convert each hour once (a year's register has 100,000s).
		hour = value.replace(minute=0, second=0, microsecond=0)
		return (value + _zone_shift(hour, self.system_tz, self.office_tz)).date()


@functools.lru_cache(maxsize=20000)
def _zone_shift(hour: datetime.datetime, from_tz: str, to_tz: str) -> datetime.timedelta:
	return convert_timezone(hour, from_tz, to_tz) - hour


# The "Periode" filter of a monthly/annual report; without it (or with RANGE) from_date/to_date apply.
MONTHLY = "Bulanan"
ANNUAL = "Tahunan"
RANGE = "Rentang Tanggal"


def column(fieldname: str, label: str, width: int, fieldtype: str = "Data", **extra) -> dict:
	"""A Script Report column."""
	return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **extra}


def period_bounds(filters) -> tuple[datetime.date, datetime.date]:
	"""The office dates (inclusive) the filters ask for: a month or a year of `tahun`, or from/to."""
	kind = filters.get("periode")
	if kind in (MONTHLY, ANNUAL):
		try:
			year = int(filters.get("tahun"))
			month = MONTHS.index(filters.get("bulan")) + 1 if kind == MONTHLY else None
		except (TypeError, ValueError):
			frappe.throw(
				_("Isi Tahun (dan Bulan untuk laporan bulanan) dengan benar."), title=_("Periode Belum Diisi")
			)
		if month is None:
			return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
		last = calendar.monthrange(year, month)[1]
		return datetime.date(year, month, 1), datetime.date(year, month, last)
	if not filters.get("from_date") or not filters.get("to_date"):
		frappe.throw(
			_("Isi periode laporan: Dari Tanggal dan Sampai Tanggal."), title=_("Periode Belum Diisi")
		)
	return getdate(filters.get("from_date")), getdate(filters.get("to_date"))


def period_note(filters) -> str:
	"""'Laporan Bulanan: Agustus 2026' / 'Laporan Tahunan: 2026' for the Excel title; '' for a range."""
	kind = filters.get("periode")
	if kind not in (MONTHLY, ANNUAL):
		return ""
	start, _end = period_bounds(filters)
	if kind == ANNUAL:
		return _("Laporan Tahunan: {0}").format(start.year)
	return _("Laporan Bulanan: {0}").format(recap.month_label(f"{start.year}-{start.month:02d}"))


def get_period(filters) -> Period:
	start, end = period_bounds(filters)
	if end < start:
		frappe.throw(
			_("Periode tidak valid: Sampai Tanggal ({0}) sebelum Dari Tanggal ({1}).").format(
				recap.period_label(end, end), recap.period_label(start, start)
			),
			title=_("Periode Tidak Valid"),
		)
	office_tz = clock.get_calendar().timezone
	system_tz = frappe.utils.get_system_timezone()
	bounds = Period(start, end, datetime.datetime.min, datetime.datetime.min, office_tz, system_tz)
	return Period(
		start,
		end,
		bounds.to_system(start),
		bounds.to_system(getdate(add_days(end, 1))),
		office_tz,
		system_tz,
	)


def need_to_know(p):
	"""The rows of the Pengaduan table `p` the session user may see: for a Tim Pemeriksa member, the
	complaints they are on (pengaduan_permissions); an empty criterion for everyone else. The reports'
	own queries do not pass through permission_query_conditions, so each applies this."""
	from kpu_dumas.pengaduan_permissions import criterion

	return criterion(p)


def complaint_conditions(p, filters, period: Period):
	"""Criteria on the Pengaduan table `p` for the period and the optional filters."""
	criteria = (p.tanggal_diterima >= period.start_sys) & (p.tanggal_diterima < period.end_sys)
	for key, column, _label in OPTIONAL_FILTERS:
		if filters.get(key):
			criteria &= p[column] == filters.get(key)
	return criteria


def filter_notes(filters) -> list[str]:
	"""Lines naming the optional filters in use, for the Excel title block."""
	return [f"{label}: {filters.get(key)}" for key, _column, label in OPTIONAL_FILTERS if filters.get(key)]


def month_bucket(column, period: Period):
	"""CASE mapping a system-zone datetime to the office month it falls in ('YYYY-MM')."""
	keys = period.months
	if len(keys) == 1:
		return ValueWrapper(keys[0])
	case = Case()
	for key, next_key in zip(keys, keys[1:], strict=False):
		year, month = (int(x) for x in next_key.split("-"))
		case = case.when(column < period.to_system(datetime.date(year, month, 1)), key)
	return case.else_(keys[-1])


def _stage_exists(p, condition):
	# parent + parenttype only (not parentfield): the lookup stays on the (parent, parenttype, ...) index.
	rt = frappe.qb.DocType("Riwayat Tahap")
	return ExistsCriterion(
		frappe.qb.from_(rt)
		.select(rt.name)
		.where(rt.parent == p.name)
		.where(rt.parenttype == DOCTYPE)
		.where(condition(rt))
	)


def late_stage(rt, now: datetime.datetime):
	"""A stage of the office (not the reporter's pause) that went, or is going, past its due time."""
	return rt.tahap.notin(list(rules.PAUSE_STATES)) & (
		(rt.status == recap.LATE) | (rt.keluar.isnull() & rt.batas_waktu.notnull() & (rt.batas_waktu < now))
	)


def timeliness_term(p, now: datetime.datetime):
	"""Terlambat / Tepat Waktu / Berjalan / Tanpa Batas for each complaint row of `p` (core.recap.timeliness).

	Two correlated EXISTS on the stage history's parent index, the second only for complaints not late.
	"""
	return (
		Case()
		.when(_stage_exists(p, lambda rt: late_stage(rt, now)), recap.LATE)
		.when(_stage_exists(p, lambda rt: rt.status == recap.ON_TIME), recap.ON_TIME)
		.when(p.docstatus == 0, recap.RUNNING)
		.else_(recap.NO_LIMIT)
	)


def kept_timeliness(p, now: datetime.datetime):
	"""The timeliness each complaint row keeps (ketepatan_waktu, set by kpu_dumas.stages and the sweep),
	late as soon as its open office stage passed its due time (batas_waktu_tahap): one column compare,
	no stage history read. Equals timeliness_term (core.recap.effective_timeliness)."""
	return Case().when(p.batas_waktu_tahap < now, recap.LATE).else_(p.ketepatan_waktu)


class _InUpdate(Term):
	"""A SET value with subqueries, which pypika prints without their parentheses inside an UPDATE."""

	def __init__(self, term):
		super().__init__()
		self.term = term

	def get_sql(self, **kwargs):
		return self.term.get_sql(**{**kwargs, "subquery": True})


def fill_timeliness(now: datetime.datetime | None = None, names: list[str] | None = None) -> None:
	"""Set every complaint's kept timeliness from its stage history in one UPDATE (the patch that
	introduced the fields; `names` limits it to those complaints)."""
	from frappe.query_builder.functions import Min

	now = now or clock.now()
	p = frappe.qb.DocType(DOCTYPE)
	rt = frappe.qb.DocType("Riwayat Tahap")
	running_due = (
		frappe.qb.from_(rt)
		.select(Min(rt.batas_waktu))
		.where(rt.parent == p.name)
		.where(rt.parenttype == DOCTYPE)
		.where(rt.keluar.isnull())
		.where(rt.tahap.notin(list(rules.PAUSE_STATES)))
	)
	query = (
		frappe.qb.update(p)
		.set(p.ketepatan_waktu, _InUpdate(timeliness_term(p, now)))
		.set(p.batas_waktu_tahap, _InUpdate(running_due))
	)
	if names is not None:
		if not names:
			return
		query = query.where(p.name.isin(names))
	query.run()


def channel_options() -> list[str]:
	return [o for o in (frappe.get_meta(DOCTYPE).get_options("kanal") or "").split("\n") if o]


def category_options() -> list[str]:
	return frappe.get_all("Kategori Pengaduan", pluck="name", order_by="creation asc")


def dimension_values(dimension: str) -> list[str]:
	if dimension == "kanal":
		return channel_options()
	if dimension == "kategori":
		return category_options()
	if dimension == "instansi":
		return [
			recap.NOT_FORWARDED,
			*frappe.get_all("Instansi Berwenang", pluck="name", order_by="creation asc"),
		]
	return list(recap.STATE_ORDER)


def period_message(period: Period, extra: str = "") -> str:
	text = _("Pengaduan yang diterima {0}.").format(period.label)
	return f"{text} {extra}".strip()
