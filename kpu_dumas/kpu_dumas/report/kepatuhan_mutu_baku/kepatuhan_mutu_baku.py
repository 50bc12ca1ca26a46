# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Kepatuhan Mutu Baku: per workflow stage of the complaints received in the period, how many visits
were completed, the median and slowest working time, the standard, and how many were on time or late.

The stage history is grouped in SQL by (stage, standard, working minutes, status, completed); working
minutes take few distinct values, so a year of complaints comes back as a few thousand rows and
core.recap computes the weighted median from them.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count
from pypika.terms import ValueWrapper

from kpu_dumas import clock
from kpu_dumas.core import recap
from kpu_dumas.core.deadlines import format_minutes
from kpu_dumas.reports import common

OTHER_STAGE = "(tahap lain)"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	stages = recap.stage_compliance(get_grouped_rows(filters, period))
	total = recap.compliance_total(stages)
	data = [_row(s) for s in stages]
	if stages:
		data.append({**_row(total), "is_total_row": 1})
	return columns(), data, message(period), chart(stages), summary(total)


def stage_standards() -> list[tuple[str, str | None]]:
	"""Every (tahap, mutu_baku) pair in the complaints' stage history: one table scanned, no join."""
	rt = frappe.qb.DocType("Riwayat Tahap")
	return (
		frappe.qb.from_(rt)
		.select(rt.tahap, rt.mutu_baku)
		.distinct()
		.where(rt.parenttype == common.DOCTYPE)
		.where(rt.tahap.notin(list(recap.FINAL_STATES)))
		.run()
	)


def get_grouped_rows(filters, period: common.Period) -> list[dict]:
	"""(tahap, mutu_baku, status, selesai, waktu_kerja_menit, jumlah) for core.recap.stage_compliance.

	The GROUP BY key is four small integers: with the stage, standard and status strings in it, MariaDB's
	temporary table for a year of stages outgrows tmp_table_size and goes to disk (three times slower).
	"""
	p = frappe.qb.DocType("Pengaduan")
	rt = frappe.qb.DocType("Riwayat Tahap")
	pairs = dict(enumerate(stage_standards(), 1))
	pair_code = Case()
	for code, (tahap, mutu_baku) in pairs.items():
		standard = rt.mutu_baku.isnull() if mutu_baku is None else rt.mutu_baku == mutu_baku
		pair_code = pair_code.when((rt.tahap == tahap) & standard, code)
	pair_code = pair_code.else_(0) if pairs else ValueWrapper(0)  # 0: a pair recorded since the scan
	status_code = (
		Case()
		.when(common.late_stage(rt, clock.now()), 1)
		.when(rt.status == recap.ON_TIME, 2)
		.when(rt.status == recap.RUNNING, 3)
		.else_(4)
	)
	done = Case().when(rt.keluar.notnull(), 1).else_(0)
	fields = [pair_code.as_("k"), status_code.as_("s"), done.as_("selesai"), rt.waktu_kerja_menit]
	rows = (
		frappe.qb.from_(rt)
		.join(p)
		.on(p.name == rt.parent)
		.select(*fields, Count("*"))
		.where(rt.parenttype == common.DOCTYPE)
		.where(rt.tahap.notin(list(recap.FINAL_STATES)))
		.where(common.complaint_conditions(p, filters, period))
		.where(common.need_to_know(p))
		.groupby(*fields)
		.run()
	)
	statuses = {1: recap.LATE, 2: recap.ON_TIME, 3: recap.RUNNING, 4: recap.NO_LIMIT}
	return [
		{
			"tahap": pairs.get(k, (OTHER_STAGE,))[0],
			"mutu_baku": pairs.get(k, (None, None))[1],
			"status": statuses[s],
			"selesai": selesai,
			"waktu_kerja_menit": minutes,
			"jumlah": n,
		}
		for k, s, selesai, minutes, n in rows
	]


def columns() -> list[dict]:
	return [
		{"fieldname": "tahap", "label": _("Tahap"), "fieldtype": "Data", "width": 150},
		{"fieldname": "selesai", "label": _("Tahap Selesai"), "fieldtype": "Int", "width": 110},
		{"fieldname": "mutu_baku", "label": _("Mutu Baku"), "fieldtype": "Data", "width": 140},
		{"fieldname": "median_menit", "label": _("Median (menit kerja)"), "fieldtype": "Float", "width": 130},
		{"fieldname": "median", "label": _("Median"), "fieldtype": "Data", "width": 130},
		{"fieldname": "terlama_menit", "label": _("Terlama (menit kerja)"), "fieldtype": "Int", "width": 130},
		{"fieldname": "terlama", "label": _("Terlama"), "fieldtype": "Data", "width": 130},
		{"fieldname": "tepat_waktu", "label": _("Tepat Waktu"), "fieldtype": "Int", "width": 100},
		{"fieldname": "terlambat", "label": _("Terlambat"), "fieldtype": "Int", "width": 100},
		{"fieldname": "tanpa_batas", "label": _("Tanpa Batas"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "persen_tepat_waktu",
			"label": _("% Tepat Waktu"),
			"fieldtype": "Percent",
			"width": 110,
		},
		{
			"fieldname": "berjalan_terlambat",
			"label": _("Masih Berjalan, Terlambat"),
			"fieldtype": "Int",
			"width": 150,
		},
	]


def _row(s: recap.StageCompliance) -> dict:
	return {
		"tahap": _(s.tahap),
		"selesai": s.selesai,
		"mutu_baku": s.mutu_baku,
		"median_menit": s.median_menit,
		"median": format_minutes(round(s.median_menit)) if s.median_menit is not None else "",
		"terlama_menit": s.terlama_menit,
		"terlama": format_minutes(s.terlama_menit) if s.terlama_menit is not None else "",
		"tepat_waktu": s.tepat_waktu,
		"terlambat": s.terlambat,
		"tanpa_batas": s.tanpa_batas,
		"persen_tepat_waktu": s.persen_tepat_waktu,
		"berjalan_terlambat": s.berjalan_terlambat,
	}


def chart(stages: list[recap.StageCompliance]) -> dict | None:
	timed = [s for s in stages if s.tepat_waktu or s.terlambat]
	if not timed:
		return None
	return {
		"data": {
			"labels": [_(s.tahap) for s in timed],
			"datasets": [
				{"name": _("Tepat Waktu"), "values": [s.tepat_waktu for s in timed]},
				{"name": _("Terlambat"), "values": [s.terlambat for s in timed]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29CD42", "#E24C4C"],
		"fieldtype": "Int",
	}


def summary(total: recap.StageCompliance) -> list[dict]:
	share = total.persen_tepat_waktu
	return [
		{"value": total.selesai, "label": _("Tahap Selesai"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": share or 0,
			"label": _("% Tepat Waktu"),
			"datatype": "Percent",
			"indicator": "Green" if (share or 0) >= 90 else "Orange",
		},
		{"value": total.terlambat, "label": _("Selesai Terlambat"), "datatype": "Int", "indicator": "Red"},
		{
			"value": total.berjalan_terlambat,
			"label": _("Masih Berjalan, Terlambat"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]


def message(period: common.Period) -> str:
	return common.period_message(
		period,
		_(
			"Waktu kerja dihitung dalam menit jam layanan kantor (hari libur dan di luar jam layanan tidak "
			"dihitung). Tahap berstandar Menyesuaikan tidak dinilai tepat waktu atau terlambat."
		),
	)
