"""Numbers from Frappe's Series counters: outgoing letters (a yearly counter formatted by the core
pattern) and the names of our registers and of Identitas Pelapor.

`next_in_series` takes the next value in a transaction of its own, committed at once. Frappe's
`getseries` increments inside the caller's transaction, which keeps the counter's row locked until that
transaction ends: every other portal submission then waits for the whole of this one (measured: 2.7 of 4
concurrent submissions waiting on the lock, docs/benchmarks.md). Here the lock lasts for the increment.
Two requests never get the same number. A number taken by a request that fails afterwards is not given
again, as a deleted record's is not: the counters only move forward (kpu_dumas.record).
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.database import get_db
from frappe.model.naming import getseries

from kpu_dumas.core import record
from kpu_dumas.core.numbering import format_letter_number

SERIES_PREFIX = "KPU-DUMAS-SURAT-"


def issue_letter_number(kode_klasifikasi: str | None, on_date: date) -> str:
	"""The next letter number; one that any letter already holds (a counter set back by hand, an
	imported register, a correction) is skipped, so the counter only moves forward."""
	settings = frappe.get_cached_doc("Pengaturan Kantor")
	while True:
		number = next_in_series(f"{SERIES_PREFIX}{on_date.year}-")
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


def next_in_series(key: str) -> int:
	"""The next value of the Series counter `key`, committed at once in a connection of its own.

	When that connection cannot take the row in time (this request's own transaction holds it: it set
	the counter or created it and has not committed), or cannot connect, the number is taken inside this
	request's transaction, as Frappe's `getseries` does: slower under load, never wrong."""
	try:
		return _next_apart(key)
	except Exception:
		return int(getseries(key, 1))


def _next_apart(key: str) -> int:
	conf = frappe.conf
	side = get_db(
		socket=conf.db_socket,
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)
	try:
		side.connect()
		side.sql("SET SESSION innodb_lock_wait_timeout = 2")
		side.sql("START TRANSACTION")
		rows = side.sql("SELECT `current` FROM `tabSeries` WHERE `name` = %s FOR UPDATE", (key,))
		if rows and rows[0][0] is not None:
			side.sql("UPDATE `tabSeries` SET `current` = `current` + 1 WHERE `name` = %s", (key,))
			number = int(rows[0][0]) + 1
		else:
			side.sql("INSERT INTO `tabSeries` (`name`, `current`) VALUES (%s, 1)", (key,))
			number = 1
		side.commit()
		return number
	finally:
		side.close()
