"""What the PPID reports share: the filters on requests and objections, and the per-request figures.

Register Permohonan Informasi and Laporan Layanan Informasi Publik read the same request rows (one per
request received in the period); the working days to the written notice, the extension and the lateness
are derived here on the office calendar (kpu_dumas.clock) and counted in kpu_dumas.core.information_recap.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Min

from kpu_dumas import clock
from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import information_rules as rules
from kpu_dumas.reports import common

REQUEST = "Permohonan Informasi"
OBJECTION = "Keberatan Informasi"

# filter key -> (column, label in the Excel title)
REQUEST_FILTERS = {
	"kanal": ("kanal", "Kanal"),
	"jenis_informasi": ("jenis_informasi", "Jenis Informasi"),
	"keputusan": ("keputusan", "Keputusan"),
	"status": ("workflow_state", "Status"),
}
OBJECTION_FILTERS = {
	"keputusan_atasan": ("keputusan_atasan", "Keputusan Atasan PPID"),
	"status": ("workflow_state", "Status"),
}


def request_conditions(p, filters, period: common.Period):
	"""Requests received in the period (office dates) with the optional filters."""
	criteria = (p.tanggal_diterima >= period.start_sys) & (p.tanggal_diterima < period.end_sys)
	for key, (column, _label) in REQUEST_FILTERS.items():
		if filters.get(key):
			criteria &= p[column] == filters.get(key)
	return criteria


def objection_conditions(k, filters, period: common.Period):
	"""Objections filed in the period (office dates) with the optional filters."""
	criteria = (k.tanggal_diajukan >= period.start_sys) & (k.tanggal_diajukan < period.end_sys)
	for key, (column, _label) in OBJECTION_FILTERS.items():
		if filters.get(key):
			criteria &= k[column] == filters.get(key)
	return criteria


def filter_notes(filters, spec: dict) -> list[str]:
	"""Lines for the Excel title naming the filters in use that common.filter_notes does not already name."""
	shown = {key for key, _column, _label in common.OPTIONAL_FILTERS}
	notes = [common.period_note(filters)]
	notes += [
		f"{_(label)}: {filters.get(key)}"
		for key, (_column, label) in spec.items()
		if filters.get(key) and key not in shown
	]
	return [n for n in notes if n]


def extension_days(filters, period: common.Period) -> dict[str, datetime.date]:
	"""{request: office date the extension was given} for the requests in the report."""
	p = frappe.qb.DocType(REQUEST)
	rt = frappe.qb.DocType("Riwayat Tahap")
	rows = (
		frappe.qb.from_(rt)
		.join(p)
		.on(p.name == rt.parent)
		.select(rt.parent, Min(rt.masuk))
		.where(rt.parenttype == REQUEST)
		.where(rt.tahap == rules.DIPERPANJANG)
		.where(request_conditions(p, filters, period))
		.groupby(rt.parent)
		.run()
	)
	return {name: period.office_date(frappe.utils.get_datetime(masuk)) for name, masuk in rows}


def objections_of_requests(filters, period: common.Period) -> dict[str, list[str]]:
	"""{request: [objection numbers]} for the requests in the report (cancelled objections left out)."""
	p = frappe.qb.DocType(REQUEST)
	k = frappe.qb.DocType(OBJECTION)
	rows = (
		frappe.qb.from_(k)
		.join(p)
		.on(p.name == k.permohonan)
		.select(k.permohonan, k.name)
		.where(k.docstatus < 2)
		.where(request_conditions(p, filters, period))
		.orderby(k.tanggal_diajukan)
		.orderby(k.name)
		.run()
	)
	result = defaultdict(list)
	for request, objection in rows:
		result[request].append(objection)
	return result


def request_figures(row: dict, period: common.Period, extended_on, today: datetime.date) -> dict:
	"""Working days to the notice, extension and lateness of one request row (tanggal_diterima and the
	deadlines in system time, tanggal_pemberitahuan an office date)."""
	cal = clock.get_calendar()
	received = period.office_date(frappe.utils.get_datetime(row["tanggal_diterima"]))
	notice = frappe.utils.getdate(row["tanggal_pemberitahuan"]) if row.get("tanggal_pemberitahuan") else None
	deadline = row.get("batas_perpanjangan") or row.get("batas_pemberitahuan")
	deadline_day = period.office_date(frappe.utils.get_datetime(deadline)) if deadline else None
	return {
		"tanggal": received,
		"hari_kerja": ir.working_days_between(cal, received, notice),
		"diperpanjang": bool(extended_on or row.get("batas_perpanjangan")),
		# An imported past request without a notice date: its timeliness is unknown, not late.
		"terlambat": False
		if row.get("diimpor") and not notice
		else ir.notice_late(deadline_day, notice, today),
	}
