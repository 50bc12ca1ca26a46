# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Rekap Disposisi: per recipient, the dispositions sent to them in the period (office dates), how many
they finished, on time or late (finished after the due time, or still open past it), how many are open,
and the median working time to finish on the office calendar (kpu_dumas.clock.spent).

Only dispositions the user may see count (the same condition as the Disposisi list), so a Kasubag's
recap covers the chains they belong to and a Pimpinan's the whole office. Cancelled ones do not count.
"""

from __future__ import annotations

import frappe
from frappe import _
from pypika.terms import LiteralValue

from kpu_dumas import clock
from kpu_dumas.core import disposisi as rules
from kpu_dumas.core.deadlines import format_minutes
from kpu_dumas.disposisi_permissions import visibility_condition
from kpu_dumas.reports import common


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	recaps, total = rules.recap_per_recipient(get_rows(filters, period), clock.now(), clock.spent)
	names = dict(
		frappe.get_all(
			"User",
			filters={"name": ("in", [r.penerima for r in recaps])},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	data = [_row(r, names.get(r.penerima) or r.penerima) for r in recaps]
	if recaps:
		data.append({**_row(total, _("Jumlah")), "is_total_row": 1})
	return columns(), data, None, chart(recaps, names), summary(total)


def get_rows(filters, period: common.Period) -> list[dict]:
	"""One row per recipient of each disposition sent in the period."""
	d = frappe.qb.DocType("Disposisi")
	p = frappe.qb.DocType("Penerima Disposisi")
	query = (
		frappe.qb.from_(p)
		.join(d)
		.on(d.name == p.parent)
		.select(p.penerima, p.status, p.selesai_pada, d.batas_waktu, d.dikirim_pada, d.lisan, d.waktu_lisan)
		.where(p.parenttype == "Disposisi")
		.where(p.parentfield == "penerima")
		.where(d.workflow_state.isin([rules.DIKIRIM, rules.SELESAI]))
		.where(d.dikirim_pada >= period.start_sys)
		.where(d.dikirim_pada < period.end_sys)
	)
	if filters.get("penerima"):
		query = query.where(p.penerima == filters.penerima)
	condition = visibility_condition()
	if condition:
		query = query.where(LiteralValue(condition))
	rows = query.run(as_dict=True)
	for row in rows:
		row["mulai"] = row.waktu_lisan if row.lisan and row.waktu_lisan else row.dikirim_pada
	return rows


def _row(r: rules.RecipientRecap, nama: str) -> dict:
	median = r.median_menit
	return {
		"penerima": r.penerima,
		"nama": nama,
		"diterima": r.diterima,
		"selesai": r.selesai,
		"tepat_waktu": r.tepat_waktu,
		"terlambat": r.terlambat,
		"belum_selesai": r.belum_selesai,
		"persen_tepat_waktu": round(100 * r.tepat_waktu / r.selesai, 1) if r.selesai else None,
		"median_menit": median,
		"median": format_minutes(median) if median is not None else "",
	}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "penerima",
			"label": _("Penerima"),
			"fieldtype": "Link",
			"options": "User",
			"width": 210,
		},
		{"fieldname": "nama", "label": _("Nama"), "fieldtype": "Data", "width": 170},
		{"fieldname": "diterima", "label": _("Diterima"), "fieldtype": "Int", "width": 90},
		{"fieldname": "selesai", "label": _("Selesai"), "fieldtype": "Int", "width": 90},
		{"fieldname": "tepat_waktu", "label": _("Tepat Waktu"), "fieldtype": "Int", "width": 100},
		{"fieldname": "terlambat", "label": _("Terlambat"), "fieldtype": "Int", "width": 100},
		{"fieldname": "belum_selesai", "label": _("Belum Selesai"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "persen_tepat_waktu",
			"label": _("% Tepat Waktu"),
			"fieldtype": "Percent",
			"width": 110,
		},
		{
			"fieldname": "median_menit",
			"label": _("Median Waktu Kerja (menit)"),
			"fieldtype": "Int",
			"width": 150,
		},
		{"fieldname": "median", "label": _("Median Waktu Kerja"), "fieldtype": "Data", "width": 140},
	]


def chart(recaps, names) -> dict | None:
	if not recaps:
		return None
	return {
		"data": {
			"labels": [names.get(r.penerima) or r.penerima for r in recaps],
			"datasets": [
				{"name": _("Tepat Waktu"), "values": [r.tepat_waktu for r in recaps]},
				{"name": _("Terlambat"), "values": [r.terlambat for r in recaps]},
				{"name": _("Belum Selesai"), "values": [r.belum_selesai for r in recaps]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29CD42", "#E24C4C", "#FFA00A"],
	}


def summary(total: rules.RecipientRecap) -> list[dict]:
	median = total.median_menit
	return [
		{"label": _("Disposisi Diterima"), "value": total.diterima, "datatype": "Int"},
		{"label": _("Selesai"), "value": total.selesai, "datatype": "Int", "indicator": "Green"},
		{"label": _("Terlambat"), "value": total.terlambat, "datatype": "Int", "indicator": "Red"},
		{
			"label": _("Median Waktu Kerja"),
			"value": format_minutes(median) if median is not None else "-",
			"datatype": "Data",
		},
	]
