"""Outgoing letter numbers: a yearly counter in Frappe's Series table, formatted by the core pattern.

`getseries` increments the counter with a row lock inside the current transaction, so two letters
issued at the same moment get different numbers, and a number is never handed out twice.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.model.naming import getseries

from kpu_dumas.core import record
from kpu_dumas.core.numbering import format_letter_number

SERIES_PREFIX = "KPU-DUMAS-SURAT-"


def issue_letter_number(kode_klasifikasi: str | None, on_date: date) -> str:
	"""The next letter number; one that any letter already holds (a counter set back by hand, an
	imported register, a correction) is skipped, so the counter only moves forward."""
	settings = frappe.get_cached_doc("Pengaturan Kantor")
	while True:
		number = int(getseries(f"{SERIES_PREFIX}{on_date.year}-", 1))
		formatted = format_letter_number(
			settings.pola_nomor_surat,
			number,
			on_date,
			kode_klasifikasi=kode_klasifikasi or "",
			kode_satker=settings.kode_satker or "",
			kode_kantor=settings.kode_kantor or "",
		)
		if not number_in_use(formatted):
			return formatted


def number_in_use(number: str) -> bool:
	"""Whether any of our letters (every number field of every register) already holds `number`."""
	return any(frappe.db.exists(doctype, {field: number}) for doctype, field in record.number_fields())
