"""Indonesian date/time formatting."""

from __future__ import annotations

import datetime

MONTHS = (
	"Januari",
	"Februari",
	"Maret",
	"April",
	"Mei",
	"Juni",
	"Juli",
	"Agustus",
	"September",
	"Oktober",
	"November",
	"Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_ZONE_ABBREVIATIONS = {
	"Asia/Jakarta": "WIB",
	"Asia/Pontianak": "WIB",
	"Asia/Makassar": "WITA",
	"Asia/Ujung_Pandang": "WITA",
	"Asia/Jayapura": "WIT",
}


def _coerce(value) -> datetime.date | None:
	"""Accept date, datetime or an ISO string; None/"" -> None."""
	if value is None or value == "":
		return None
	if isinstance(value, datetime.date):
		return value
	text = str(value).strip()
	try:
		if len(text) <= 10:
			return datetime.date.fromisoformat(text)
		return datetime.datetime.fromisoformat(text)
	except ValueError:
		raise ValueError(f"Tanggal tidak valid: {text!r}.") from None


def format_date(d, with_weekday: bool = False) -> str:
	"""Format as "8 September 2025" or "Senin, 8 September 2025"."""
	value = _coerce(d)
	if value is None:
		return ""
	text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
	if with_weekday:
		text = f"{WEEKDAYS[value.weekday()]}, {text}"
	return text


def format_datetime(dt, timezone: str | None = None) -> str:
	"""Format as "8 September 2025 pukul 10.45", plus the zone abbreviation when `timezone` is given."""
	value = _coerce(dt)
	if value is None:
		return ""
	if not isinstance(value, datetime.datetime):
		return format_date(value)
	text = f"{format_date(value)} pukul {value.hour:02d}.{value.minute:02d}"
	if timezone:
		text = f"{text} {zone_abbreviation(timezone)}"
	return text


def zone_abbreviation(tz: str) -> str:
	"""WIB/WITA/WIT for Indonesian zones; any other zone name is returned unchanged."""
	return _ZONE_ABBREVIATIONS.get(tz, tz)
