# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Laporan Tahunan Layanan Informasi Publik: the PPID's annual report (Perki 1/2021), one row per month of
the year and the year's total: requests received, the time to serve them (average and median working
days to the written notice), granted in full or in part, refused per reason (each Pasal 17 letter,
information not held, not yet documented), extensions, notices past their deadline, objections and
their outcome, and disputes taken to the Komisi Informasi.

The rows are the Laporan Layanan Informasi Publik's own (its request and objection rows, counted by
core.information_recap), so each month equals that month's monthly report and the total is their sum.
The report's .html beside this file is its print format; "Unduh Excel" exports it (reports.export).
"""

from __future__ import annotations

import frappe
from frappe import _

from kpu_dumas import clock
from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import recap
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.statistik import notice_medians
from kpu_dumas.kpu_dumas.report.laporan_layanan_informasi_publik import (
	laporan_layanan_informasi_publik as llip,
)
from kpu_dumas.reports import common, export
from kpu_dumas.roles import PPID


def execute(filters=None):
	filters = _annual(filters)
	period = common.get_period(filters)
	requests = llip.request_rows(filters, period)
	result = ir.information_recap(
		requests,
		llip.objection_rows(filters, period),
		months=period.months,
		channels=llip.channel_options(),
		kinds=llip.kind_options(),
	)
	medians, median_year = notice_medians(requests)
	data = [_row(m, recap.month_label(m.bulan), medians.get(m.bulan), result) for m in result.months]
	total = {
		**_row(result.total, _("Jumlah"), median_year, result),
		"is_total_row": 1,
		"_cetak": print_context(),
	}
	data.append(total)
	return columns(result), data, message(period), None, summary(result, median_year)


def _annual(filters) -> frappe._dict:
	filters = frappe._dict(filters or {})
	try:
		year = int(filters.get("tahun"))
	except (TypeError, ValueError):
		frappe.throw(_("Isi Tahun laporan, misalnya 2026."), title=_("Tahun Belum Diisi"))
	return frappe._dict(filters, periode=common.ANNUAL, tahun=year)


def columns(result: ir.InformationRecap) -> list[dict]:
	def col(fieldname, label, width=110, fieldtype="Int"):
		extra = {"precision": 1} if fieldtype == "Float" else {}
		return common.column(fieldname, label, width, fieldtype, **extra)

	cols = [
		col("bulan", _("Bulan"), 130, "Data"),
		col("permohonan", _("Permohonan Diterima"), 120),
		col("rata_hari_kerja", _("Rata-rata Waktu Pelayanan (hari kerja)"), 150, "Float"),
		col("median_hari_kerja", _("Median Waktu Pelayanan (hari kerja)"), 150, "Float"),
		col("dikabulkan_seluruhnya", _("Dikabulkan Seluruhnya")),
		col("dikabulkan_sebagian", _("Dikabulkan Sebagian")),
		col("ditolak", _("Ditolak")),
	]
	cols += [col(llip.exemption_field(e), _("Ditolak: {0}").format(_(e)), 130) for e in ir.EXEMPTIONS]
	cols += [
		col("tidak_dikuasai", _("Ditolak: Informasi Tidak Dikuasai"), 140),
		col("belum_didokumentasikan", _("Ditolak: Informasi Belum Didokumentasikan"), 160),
		col("dalam_proses", _("Masih Diproses")),
		col("perpanjangan", _("Diperpanjang")),
		col("terlambat", _("Melewati Batas Waktu"), 120),
		col("keberatan", _("Keberatan Diajukan"), 120),
		col("keberatan_diterima", _("Keberatan Diterima"), 120),
		col("keberatan_ditolak", _("Keberatan Ditolak"), 120),
		col("keberatan_belum_ditanggapi", _("Keberatan Belum Ditanggapi"), 130),
		col("ke_komisi_informasi", _("Sengketa ke Komisi Informasi"), 140),
	]
	# How the requests came and what they asked for, as the monthly report counts them.
	return cols + llip.channel_and_kind_columns(result, col)


def _row(m: ir.InformationMonth, label: str, median, result: ir.InformationRecap) -> dict:
	"""The monthly report's figures for the month (every Pasal 17 letter, cited or not) and the median."""
	return {"bulan": label, **llip.month_counts(m, result, ir.EXEMPTIONS), "median_hari_kerja": median}


def print_context() -> dict:
	"""What the print format needs beside the figures: office, place, date and the PPID's signature
	(the role alone under an empty line while no PPID signatory is set in Pengaturan Kantor)."""
	settings = frappe.get_cached_doc(export.SETTINGS)
	signatory = export.signatory(PPID)
	return {
		"kantor": export.office_name(),
		"kota": settings.kota or "",
		"tanggal": format_date(clock.office_today()),
		"jabatan": signatory.jabatan if signatory else PPID,
		"nama": signatory.nama if signatory else "",
		"nip": signatory.nip if signatory else "",
	}


def summary(result: ir.InformationRecap, median) -> list[dict]:
	t = result.total
	granted = t.keputusan[ir.rules.GRANTED_IN_FULL] + t.keputusan[ir.rules.GRANTED_IN_PART]
	refused = (
		t.keputusan[ir.rules.REFUSED]
		+ t.keputusan[ir.rules.NOT_HELD]
		+ t.keputusan[ir.rules.NOT_YET_DOCUMENTED]
	)
	return [
		{"value": t.permohonan, "label": _("Permohonan Diterima"), "datatype": "Int", "indicator": "Blue"},
		{"value": granted, "label": _("Dikabulkan"), "datatype": "Int", "indicator": "Green"},
		{"value": refused, "label": _("Ditolak (semua alasan)"), "datatype": "Int", "indicator": "Red"},
		{
			"value": median if median is not None else 0,
			"label": _("Median Hari Kerja Pelayanan"),
			"datatype": "Float",
			"indicator": "Blue",
		},
		{"value": t.keberatan, "label": _("Keberatan"), "datatype": "Int", "indicator": "Grey"},
		{
			"value": t.ke_komisi_informasi,
			"label": _("Sengketa ke Komisi Informasi"),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]


def xlsx_notes(filters) -> list[str]:
	return [
		common.period_note(_annual(filters)),
		_("Waktu pelayanan: hari kerja sejak permohonan diterima sampai pemberitahuan tertulis."),
	]


def message(period: common.Period) -> str:
	return _(
		"Laporan tahunan layanan informasi publik (Perki 1/2021) untuk {0}: permohonan dihitung pada bulan "
		"diterima, keberatan pada bulan diajukan. Waktu pelayanan: hari kerja sejak permohonan diterima sampai "
		"pemberitahuan tertulis, menurut kalender kerja kantor. Ditolak menurut alasan: pengecualian UU 14/2008 "
		"Pasal 17, informasi tidak dikuasai, atau belum didokumentasikan. Sengketa: keberatan yang tanggapannya "
		"tidak diterima pemohon dan diajukan ke Komisi Informasi. Angka setiap bulan sama dengan Laporan "
		"Layanan Informasi Publik bulan itu."
	).format(period.label)
