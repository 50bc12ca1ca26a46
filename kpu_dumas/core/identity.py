"""Normalization and validation of NIK, phone numbers and email addresses."""

from __future__ import annotations

import re

_NIK_SEPARATORS = re.compile(r"[\s.\-]")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"08\d{8,11}", re.ASCII)
_MOBILE_INTL = re.compile(r"\+628\d{8,11}", re.ASCII)
# Landline: "0" + area code (not 08x, which is mobile), 9-12 digits in total; also "+62" form.
_LANDLINE = re.compile(r"0[1-79]\d{7,10}", re.ASCII)
_LANDLINE_INTL = re.compile(r"\+62[1-79]\d{7,10}", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[^@\s.]{2,}")


def normalize_nik(s) -> str:
	"""Remove spaces, dots and dashes."""
	return _NIK_SEPARATORS.sub("", "" if s is None else str(s))


def nik_error(s) -> str | None:
	nik = normalize_nik(s)
	if not nik.isdigit() or not nik.isascii():
		if not nik:
			return "NIK wajib diisi (16 digit angka)."
		return "NIK harus 16 digit angka; terdapat karakter selain angka."
	if len(nik) != 16:
		return f"NIK harus 16 digit angka; yang diisi {len(nik)} digit."
	if not 11 <= int(nik[:2]) <= 99:
		return "NIK tidak valid: kode provinsi (2 digit pertama) harus antara 11 dan 99."
	day, month = int(nik[6:8]), int(nik[8:10])
	if not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= month <= 12:
		return (
			"NIK tidak valid: digit ke-7 sampai ke-12 harus berupa tanggal lahir (HHBBTT; "
			"untuk perempuan tanggal ditambah 40)."
		)
	return None


def normalize_phone(s) -> str:
	"""Strip separators; "62..." becomes "+62...", "+62..." and "0..." are kept."""
	phone = _PHONE_SEPARATORS.sub("", "" if s is None else str(s))
	if phone.startswith("62"):
		phone = "+" + phone
	return phone


def phone_error(s) -> str | None:
	phone = normalize_phone(s)
	if not phone:
		return "Nomor telepon wajib diisi."
	for pattern in (_MOBILE, _MOBILE_INTL, _LANDLINE, _LANDLINE_INTL):
		if pattern.fullmatch(phone):
			return None
	return (
		f"Nomor telepon {str(s).strip()!r} tidak valid. Gunakan nomor HP 08xxxxxxxxxx (10 sampai 13 digit) "
		"atau +628xxxxxxxxx, atau nomor telepon kantor dengan kode area, misalnya 0435 881234."
	)


def email_error(s) -> str | None:
	email = "" if s is None else str(s).strip()
	if not email:
		return "Alamat email wajib diisi."
	if not _EMAIL.fullmatch(email):
		return f"Alamat email {email!r} tidak valid. Contoh yang benar: nama@contoh.go.id."
	return None
