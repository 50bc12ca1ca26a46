"""Official letter numbering: Roman months and "{nomor}/.../{tahun}" patterns."""

from __future__ import annotations

import datetime
import string

PLACEHOLDERS = ("nomor", "kode_klasifikasi", "kode_satker", "kode_kantor", "bulan_romawi", "bulan", "tahun")
# Placeholders the caller may supply; the rest are derived from the number and date.
_USER_FIELDS = ("kode_klasifikasi", "kode_satker", "kode_kantor")

_ROMAN = (
	(1000, "M"),
	(900, "CM"),
	(500, "D"),
	(400, "CD"),
	(100, "C"),
	(90, "XC"),
	(50, "L"),
	(40, "XL"),
	(10, "X"),
	(9, "IX"),
	(5, "V"),
	(4, "IV"),
	(1, "I"),
)


def to_roman(n: int) -> str:
	if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
		raise ValueError(f"Angka Romawi hanya tersedia untuk 1 sampai 3999; yang diminta {n!r}.")
	parts = []
	for value, symbol in _ROMAN:
		count, n = divmod(n, value)
		parts.append(symbol * count)
	return "".join(parts)


def roman_month(month: int) -> str:
	if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
		raise ValueError(f"Bulan harus 1 sampai 12; yang diisi {month!r}.")
	return to_roman(month)


def _placeholder_list() -> str:
	return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def _fields_in(pattern: str) -> list[tuple[str, str, str | None]]:
	try:
		return [
			(name, spec or "", conversion)
			for _, name, spec, conversion in string.Formatter().parse(pattern)
			if name is not None
		]
	except ValueError:
		raise ValueError(
			f"Pola nomor surat {pattern!r} tidak valid: tanda kurung kurawal {{ }} tidak seimbang. "
			"Gunakan {{ dan }} untuk menulis kurung kurawal biasa."
		) from None


def validate_pattern(pattern: str) -> None:
	"""Raise ValueError (Indonesian message) if the letter-number pattern cannot be used."""
	fields = _fields_in(pattern or "")
	for name, _spec, conversion in fields:
		if name not in PLACEHOLDERS:
			label = "{" + name + "}" if name else "{}"
			raise ValueError(
				f"Placeholder {label} tidak dikenal dalam pola nomor surat. "
				f"Placeholder yang tersedia: {_placeholder_list()}."
			)
		if conversion is not None:
			raise ValueError(f"Placeholder {{{name}}} tidak boleh memakai konversi '!{conversion}'.")
	if "nomor" not in {name for name, _, _ in fields}:
		raise ValueError("Pola nomor surat harus memuat placeholder {nomor}.")
	try:
		_render(pattern, 1, datetime.date(2000, 1, 1), {})
	except (ValueError, TypeError):
		raise ValueError(f"Format placeholder dalam pola nomor surat {pattern!r} tidak valid.") from None


def _render(pattern: str, number: int, on_date: datetime.date, fields: dict) -> str:
	values = {name: "" if fields.get(name) is None else str(fields[name]) for name in _USER_FIELDS}
	values.update(
		nomor=number,
		bulan_romawi=roman_month(on_date.month),
		bulan=f"{on_date.month:02d}",
		tahun=on_date.year,
	)
	return pattern.format_map(values)


def format_letter_number(pattern: str, number: int, on_date: datetime.date, **fields: str) -> str:
	"""Render a letter number, e.g. "60/HK.03.1-Kpt/5371/KPU-Kot/VII/2020".

	`nomor` and `tahun` are ints (so "{nomor:03d}" works); missing user fields render as "".
	"""
	unknown = sorted(set(fields) - set(_USER_FIELDS))
	if unknown:
		raise TypeError(f"Unknown letter-number field(s): {', '.join(unknown)}")
	validate_pattern(pattern)
	return _render(pattern, number, on_date, fields)
