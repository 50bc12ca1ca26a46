"""The office clock: the working-time calendar built from Pengaturan Kantor and Hari Libur Kantor.

Frappe stores datetimes naive in the site's system time zone; the calendar works in the office's own
zone (WIB/WITA/WIT). `due()` and `spent()` convert at the boundary so callers only see system time.
"""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe.utils import get_datetime, get_system_timezone, now_datetime

from kpu_dumas.core.calendar import POHUWATO_HOURS, WorkingCalendar, convert_timezone
from kpu_dumas.core.dates import format_datetime
from kpu_dumas.core.deadlines import Duration, due_time, time_spent

_CACHE_KEY = "kpu_dumas:working_calendar"


def get_calendar() -> WorkingCalendar:
	"""The office calendar, cached until settings or holidays change.

	The key carries the settings' `modified`, so a transaction that has just changed the hours or the zone
	(a Profil SOP applied) never reads a calendar another worker cached from the committed settings."""
	stamp = frappe.db.sql(
		"select value from tabSingles where doctype = 'Pengaturan Kantor' and field = 'modified'"
	)
	key = f"{_CACHE_KEY}:{stamp[0][0] if stamp else ''}"
	cached = frappe.cache.get_value(key)
	if cached is None:
		cached = _build_calendar_rows()
		frappe.cache.set_value(key, cached)
	hours, holidays, timezone = cached
	return WorkingCalendar.from_rows(hours, holidays, timezone)


def _build_calendar_rows():
	settings = frappe.get_single("Pengaturan Kantor")  # not the shared document cache (see get_calendar)
	hours = [(row.hari, str(row.jam_mulai), str(row.jam_selesai)) for row in settings.jam_layanan]
	holidays = [str(d) for d in frappe.get_all("Hari Libur Kantor", pluck="tanggal")]
	return (hours or list(POHUWATO_HOURS), holidays, settings.zona_waktu or "Asia/Jakarta")


def clear_calendar_cache(doc=None, method=None):
	frappe.cache.delete_keys(_CACHE_KEY)


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
