"""The office clock: the working-time calendar built from Pengaturan Kantor and Hari Libur Kantor.

Frappe stores datetimes naive in the site's system time zone; the calendar works in the office's own
zone (WIB/WITA/WIT). `due()` and `spent()` convert at the boundary so callers only see system time.
"""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import get_datetime, get_system_timezone, now_datetime

from kpu_dumas.core.calendar import POHUWATO_HOURS, WorkingCalendar, convert_timezone
from kpu_dumas.core.dates import format_datetime
from kpu_dumas.core.deadlines import Duration, due_time, time_spent

_CACHE_KEY = "kpu_dumas:working_calendar"


_CHANGED_FLAG = "kpu_dumas_calendar_changed"


def get_calendar() -> WorkingCalendar:
	"""The office calendar, cached until settings or holidays change.

	A transaction that has changed the hours, the zone or the holidays (a Profil SOP applied, say) reads
	its own calendar until it commits or rolls back: another worker may meanwhile cache the calendar of
	the committed settings, which this transaction must not use."""
	if frappe.flags.get(_CHANGED_FLAG):
		hours, holidays, timezone = _build_calendar_rows()
		return WorkingCalendar.from_rows(hours, holidays, timezone)
	cached = frappe.cache.get_value(_CACHE_KEY)
	if cached is None:
		cached = _build_calendar_rows()
		frappe.cache.set_value(_CACHE_KEY, cached)
	hours, holidays, timezone = cached
	return WorkingCalendar.from_rows(hours, holidays, timezone)


def hour_rows(rows) -> list[tuple[str, str, str]]:
	"""Jam Layanan Kantor rows (of Pengaturan Kantor or a Profil SOP) as the calendar takes them."""
	return [(row.hari, str(row.jam_mulai), str(row.jam_selesai)) for row in rows]


def check_service_hours(rows, timezone: str) -> None:
	"""Refuse, with the calendar's own Indonesian reason, hours that cannot make a working calendar."""
	try:
		WorkingCalendar.from_rows(hour_rows(rows), (), timezone)
	except ValueError as e:
		frappe.throw(_(str(e)), title=_("Jam Layanan Tidak Valid"))


def _build_calendar_rows():
	settings = frappe.get_single("Pengaturan Kantor")  # this transaction's view, not the shared cache
	hours = hour_rows(settings.jam_layanan)
	holidays = [str(d) for d in frappe.get_all("Hari Libur Kantor", pluck="tanggal")]
	return (hours or list(POHUWATO_HOURS), holidays, settings.zona_waktu or "Asia/Jakarta")


def clear_calendar_cache(doc=None, method=None):
	frappe.cache.delete_value(_CACHE_KEY)
	frappe.flags[_CHANGED_FLAG] = True
	frappe.db.after_commit.add(_transaction_ended)
	frappe.db.after_rollback.add(_transaction_ended)


def _transaction_ended():
	"""Committed: the shared cache is rebuilt from the new settings. Rolled back: the committed ones hold."""
	frappe.flags.pop(_CHANGED_FLAG, None)
	frappe.cache.delete_value(_CACHE_KEY)


def to_office(dt: datetime, calendar: WorkingCalendar) -> datetime:
	return convert_timezone(dt, get_system_timezone(), calendar.timezone)


def to_system(dt: datetime, calendar: WorkingCalendar) -> datetime:
	return convert_timezone(dt, calendar.timezone, get_system_timezone())


def due(start: datetime, duration: Duration, pauses=()) -> datetime | None:
	"""Due time (system zone) of a step of `duration` started at `start` (system zone)."""
	cal = get_calendar()
	office_pauses = [(to_office(a, cal), to_office(b, cal)) for a, b in pauses]
	result = due_time(cal, to_office(start, cal), duration, office_pauses)
	return to_system(result, cal) if result else None


def spent(entered: datetime, left: datetime, pauses=()) -> int:
	"""Working minutes between two system-zone datetimes, on the office calendar."""
	cal = get_calendar()
	office_pauses = [(to_office(a, cal), to_office(b, cal)) for a, b in pauses]
	return time_spent(cal, to_office(entered, cal), to_office(left, cal), office_pauses)


def now() -> datetime:
	return now_datetime()


def format_office(value) -> str:
	"""A system-zone datetime as the office reads it: '8 September 2025 pukul 10.45 WITA'."""
	if not value:
		return ""
	cal = get_calendar()
	return format_datetime(to_office(get_datetime(value), cal), cal.timezone)


def office_today() -> date:
	"""Today's date at the office: letters are dated, and numbered by month, in the office's zone."""
	cal = get_calendar()
	return to_office(now(), cal).date()
