# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Log Buka Identitas Pelapor: every reveal of a rahasia identity in the period (office dates), newest
first, by user, door and case. Only the Pejabat Yang Berwenang and System Manager run it (the report's
roles, and read permission on Log Buka Identitas)."""

from __future__ import annotations

import frappe
from frappe import _

from kpu_dumas import clock
from kpu_dumas.reports import common

LOG = "Log Buka Identitas"
DOOR_LABELS = {
	"form": "Formulir",
	"print": "Cetak surat",
	"report": "Laporan",
	"export": "Unduhan laporan",
	"api": "API",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	rows = get_rows(filters, period)
	return columns(), rows, message(period), None, summary(rows)


def columns() -> list[dict]:
	return [
		common.column("waktu", _("Waktu (Kantor)"), 180, "Datetime"),
		common.column("pengguna", _("Pengguna"), 220, "Link", options="User"),
		common.column("nama_pengguna", _("Nama Pengguna"), 180),
		common.column("pengaduan", _("Pengaduan"), 160, "Link", options="Pengaduan"),
		common.column("pintu", _("Pintu"), 130),
		common.column("alasan", _("Alasan"), 360),
	]


def get_rows(filters, period: common.Period) -> list[dict]:
	conditions = [[LOG, "waktu", ">=", period.start_sys], [LOG, "waktu", "<", period.end_sys]]
	for key in ("pengguna", "pintu", "pengaduan"):
		if filters.get(key):
			conditions.append([LOG, key, "=", filters.get(key)])
	# frappe.get_list: read permission on the log decides, besides the report's roles.
	rows = frappe.get_list(
		LOG,
		filters=conditions,
		fields=["waktu", "pengguna", "pengaduan", "pintu", "alasan"],
		order_by="waktu desc, creation desc",
		limit_page_length=0,
	)
	names = dict(
		frappe.get_all(
			"User",
			filters={"name": ("in", list({r.pengguna for r in rows}))},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	calendar = clock.get_calendar()
	return [
		{
			"waktu": clock.to_office(r.waktu, calendar).replace(tzinfo=None),
			"pengguna": r.pengguna,
			"nama_pengguna": names.get(r.pengguna) or r.pengguna,
			"pengaduan": r.pengaduan,
			"pintu": DOOR_LABELS.get(r.pintu, r.pintu),
			"alasan": r.alasan,
		}
		for r in rows
	]


def message(period: common.Period) -> str:
	return _(
		"Identitas pelapor rahasia yang dibuka {0}, dengan alasan yang dituliskan pembukanya. Catatan ini "
		"tidak dapat diubah atau dihapus."
	).format(period.label)


def summary(rows: list[dict]) -> list[dict]:
	return [
		{"value": len(rows), "label": _("Identitas Dibuka"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": len({r["pengguna"] for r in rows}),
			"label": _("Pengguna"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": len({r["pengaduan"] for r in rows}),
			"label": _("Pengaduan"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
