# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Register Keberatan Informasi: the register of objections (Panduan Umum PPID 2021), one row per
objection filed in the period: registration no., date, the requester, the request, its information and
purpose, the Pasal 35 reason, the Atasan PPID's decision, its date, name and position, and the
requester's response to it.
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.query_builder.functions import Cast, IfNull

from kpu_dumas import kerahasiaan
from kpu_dumas.core import information_recap as ir
from kpu_dumas.reports import common, informasi


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	rows = get_rows(filters, period)
	return columns(), rows, message(period), None, summary(rows)


def columns() -> list[dict]:
	col = common.column
	return [
		col("no", _("No."), 60, "Int"),
		col("name", _("Nomor Registrasi Keberatan"), 160, "Link", options=informasi.OBJECTION),
		col("tanggal_diajukan", _("Tanggal Diajukan"), 110, "Date"),
		col("nama_pemohon", _("Nama Pemohon"), 170),
		col("alamat", _("Alamat"), 200),
		col("kontak", _("Telepon/Email"), 200),
		col("permohonan", _("Nomor Permohonan"), 160, "Link", options=informasi.REQUEST),
		col("informasi_diminta", _("Informasi yang Diminta"), 240),
		col("tujuan_penggunaan", _("Tujuan Penggunaan"), 200),
		col("alasan", _("Alasan Keberatan (Pasal 35 ayat 1)"), 280),
		col("keputusan_atasan", _("Keputusan Atasan PPID"), 150),
		col("tanggal_tanggapan", _("Tanggal Tanggapan"), 110, "Date"),
		col("nomor_tanggapan", _("Nomor Surat Tanggapan"), 200),
		col("nama_atasan", _("Nama Atasan PPID"), 170),
		col("jabatan_atasan", _("Jabatan Atasan PPID"), 200),
		col("tanggapan_pemohon", _("Tanggapan Pemohon"), 200),
		col("status", _("Status"), 110),
	]


def get_rows(filters, period: common.Period) -> list[dict]:
	k = frappe.qb.DocType(informasi.OBJECTION)
	p = frappe.qb.DocType(informasi.REQUEST)
	records = (
		frappe.qb.from_(k)
		.left_join(p)
		.on(p.name == k.permohonan)
		.select(
			k.name,
			Cast(k.tanggal_diajukan, "CHAR").as_("tanggal_diajukan"),
			IfNull(k.nama_pemohon, p.nama_pemohon).as_("nama_pemohon"),
			IfNull(k.alamat, p.alamat).as_("alamat"),
			IfNull(k.telepon, p.telepon).as_("telepon"),
			IfNull(k.email, p.email).as_("email"),
			k.permohonan,
			IfNull(k.informasi_diminta, p.informasi_diminta).as_("informasi_diminta"),
			IfNull(k.tujuan_penggunaan, p.tujuan_penggunaan).as_("tujuan_penggunaan"),
			k.alasan,
			k.keputusan_atasan,
			k.tanggal_tanggapan,
			k.nomor_tanggapan,
			k.nama_atasan,
			k.jabatan_atasan,
			k.tanggapan_pemohon,
			k.workflow_state,
		)
		.where(k.docstatus < 2)
		.where(informasi.objection_conditions(k, filters, period))
		.orderby(k.tanggal_diajukan)
		.orderby(k.name)
		.run(as_dict=True)
	)
	for r in records:
		kerahasiaan.decrypt_row(r, informasi.OBJECTION)  # alamat, telepon: the objection's or its request's
	return [
		{
			"no": no,
			"name": r.name,
			"tanggal_diajukan": period.office_date(datetime.fromisoformat(r.tanggal_diajukan)),
			"nama_pemohon": r.nama_pemohon,
			"alamat": r.alamat,
			"kontak": " / ".join(x for x in (r.telepon, r.email) if x),
			"permohonan": r.permohonan,
			"informasi_diminta": r.informasi_diminta,
			"tujuan_penggunaan": r.tujuan_penggunaan,
			"alasan": r.alasan,
			"keputusan_atasan": r.keputusan_atasan or "",
			"tanggal_tanggapan": r.tanggal_tanggapan,
			"nomor_tanggapan": r.nomor_tanggapan or "",
			"nama_atasan": r.nama_atasan or "",
			"jabatan_atasan": r.jabatan_atasan or "",
			"tanggapan_pemohon": r.tanggapan_pemohon or "",
			"status": r.workflow_state,
		}
		for no, r in enumerate(records, 1)
	]


def totals_row(rows: list[dict]) -> dict:
	"""The register's closing line (used by the Excel export)."""
	decided = sum(1 for r in rows if r["keputusan_atasan"])
	return {
		"name": _("{0} keberatan").format(len(rows)),
		"keputusan_atasan": _("{0} ditanggapi").format(decided),
	}


def xlsx_notes(filters) -> list[str]:
	return informasi.filter_notes(filters, informasi.OBJECTION_FILTERS)


def message(period: common.Period) -> str:
	return _("Keberatan atas layanan informasi publik yang diajukan {0} (UU 14/2008 Pasal 35-36).").format(
		period.label
	)


def summary(rows: list[dict]) -> list[dict]:
	outcome = {o: 0 for o in ir.OBJECTION_OUTCOMES}
	for r in rows:
		key = r["keputusan_atasan"] or ir.OBJECTION_PENDING
		outcome[key] = outcome.get(key, 0) + 1
	return [
		{"value": len(rows), "label": _("Jumlah Keberatan"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": outcome[ir.OBJECTION_ACCEPTED],
			"label": _("Keberatan Diterima"),
			"datatype": "Int",
			"indicator": "Green",
		},
		{
			"value": outcome[ir.OBJECTION_REFUSED],
			"label": _("Keberatan Ditolak"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": outcome[ir.OBJECTION_PENDING],
			"label": _("Belum Ditanggapi"),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]
