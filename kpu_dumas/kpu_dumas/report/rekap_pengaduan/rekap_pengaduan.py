# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Rekap Pengaduan: complaints per month, broken down by channel, category or status, with the on-time
share, a chart by month and summary cards.

One GROUP BY over the period returns at most months x values x states x 4 rows; core.recap adds them up.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from kpu_dumas import clock
from kpu_dumas.core import recap
from kpu_dumas.reports import common

# The "Rincian" filter (as the Desk shows it) -> the row key in core.recap.
DIMENSIONS = {"Kanal": "kanal", "Kategori": "kategori", "Status": "status", "Instansi Tujuan": "instansi"}
COLUMNS_OF_DIMENSION = {
	"kanal": "kanal",
	"kategori": "kategori",
	"status": "workflow_state",
	"instansi": "diteruskan_ke",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	dimension = DIMENSIONS.get(_breakdown(filters))
	if not dimension:
		frappe.throw(_("Rincian harus salah satu dari: {0}.").format(", ".join(DIMENSIONS)))
	result = recap.monthly_recap(
		get_grouped_rows(filters, period, dimension),
		dimension,
		months=period.months,
		values=common.dimension_values(dimension),
	)
	cols = columns(result)
	return cols, rows(result, cols), message(period), chart(result, cols), summary(result)


def _breakdown(filters) -> str:
	return filters.get("rincian") or "Kanal"


def xlsx_notes(filters) -> list[str]:
	"""The breakdown, under the period in the Excel title block."""
	return [_("Rincian menurut: {0}").format(_breakdown(filters))]


def get_grouped_rows(filters, period: common.Period, dimension: str) -> list[dict]:
	p = frappe.qb.DocType("Pengaduan")
	bulan = common.month_bucket(p.tanggal_diterima, period).as_("bulan")
	ketepatan = common.kept_timeliness(p, clock.now()).as_("ketepatan")
	fields = [bulan, p.workflow_state.as_("status"), ketepatan]
	if dimension != "status":
		fields.append(p[COLUMNS_OF_DIMENSION[dimension]].as_(dimension))
	query = (
		frappe.qb.from_(p)
		.select(*fields, Count("*").as_("jumlah"))
		.where(common.complaint_conditions(p, filters, period))
		.where(common.need_to_know(p))
		.where(p.workflow_state.notin(list(recap.NOT_COUNTED)))  # a merged complaint is its main case
		.groupby(*fields)
	)
	return query.run(as_dict=True)


def columns(result: recap.MonthlyRecap) -> list[dict]:
	cols = [
		{"fieldname": "bulan", "label": _("Bulan"), "fieldtype": "Data", "width": 140},
		{"fieldname": "jumlah", "label": _("Jumlah"), "fieldtype": "Int", "width": 90},
	]
	for i, value in enumerate(result.values):
		cols.append(
			{"fieldname": f"v{i}", "label": _(value), "fieldtype": "Int", "width": 110, "_value": value}
		)
	cols += [
		{"fieldname": "tepat_waktu", "label": _("Tepat Waktu"), "fieldtype": "Int", "width": 100},
		{"fieldname": "terlambat", "label": _("Terlambat"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "persen_tepat_waktu",
			"label": _("% Tepat Waktu"),
			"fieldtype": "Percent",
			"width": 110,
		},
	]
	return cols


def _row(month: recap.MonthRow, cols: list[dict], label: str) -> dict:
	row = {
		"bulan": label,
		"jumlah": month.jumlah,
		"tepat_waktu": month.tepat_waktu,
		"terlambat": month.terlambat,
		"persen_tepat_waktu": month.persen_tepat_waktu,
	}
	for col in cols:
		if "_value" in col:
			row[col["fieldname"]] = month.rincian.get(col["_value"], 0)
	return row


def rows(result: recap.MonthlyRecap, cols: list[dict]) -> list[dict]:
	data = [_row(m, cols, recap.month_label(m.bulan)) for m in result.months]
	total = _row(result.total, cols, _("Jumlah"))
	total["is_total_row"] = 1
	data.append(total)
	return data


def chart(result: recap.MonthlyRecap, cols: list[dict]) -> dict:
	"""Stacked bars per month, one colour per channel/category/state."""
	datasets = [
		{"name": col["label"], "values": [m.rincian.get(col["_value"], 0) for m in result.months]}
		for col in cols
		if "_value" in col and result.total.rincian.get(col["_value"])
	]
	return {
		"data": {
			"labels": [recap.month_label(m.bulan, short=True) for m in result.months],
			"datasets": datasets,
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"fieldtype": "Int",
	}


def summary(result: recap.MonthlyRecap) -> list[dict]:
	s = result.summary()
	return [
		{"value": s["jumlah"], "label": _("Jumlah Pengaduan"), "datatype": "Int", "indicator": "Blue"},
		{"value": s["selesai"], "label": _("Selesai"), "datatype": "Int", "indicator": "Green"},
		{"value": s["dalam_proses"], "label": _("Dalam Proses"), "datatype": "Int", "indicator": "Orange"},
		{
			"value": s["tidak_ditindaklanjuti"],
			"label": _("Tidak Ditindaklanjuti"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": s["persen_tepat_waktu"] or 0,
			"label": _("% Tepat Waktu"),
			"datatype": "Percent",
			"indicator": "Green" if (s["persen_tepat_waktu"] or 0) >= 90 else "Orange",
		},
	]


def message(period: common.Period) -> str:
	return common.period_message(
		period,
		_(
			"Tepat waktu: tidak ada tahap yang melewati batas mutu baku (waktu menunggu kelengkapan dari "
			"pelapor tidak dihitung); persentase dihitung dari pengaduan yang tepat waktu atau terlambat. "
			"Pengaduan yang digabungkan ke pengaduan utama dihitung sekali, sebagai pengaduan utamanya."
		),
	)
