# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Register Permohonan Informasi: the register of information requests (Perki 1/2021), one row per
request received in the period, with its channel and kind of information, the written notice, the
extension, the hand-over, the working days to the notice on the office calendar and any objection. The
closing line counts the requests per channel and per kind.
"""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _

from kpu_dumas import clock, kerahasiaan
from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import recap
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
		col("name", _("Nomor Registrasi"), 160, "Link", options=informasi.REQUEST),
		col("tanggal_diterima", _("Tanggal Diterima"), 110, "Date"),
		col("nama_pemohon", _("Nama Pemohon"), 170),
		col("jenis_pemohon", _("Jenis Pemohon"), 120),
		col("alamat", _("Alamat"), 200),
		col("pekerjaan", _("Pekerjaan"), 130),
		col("kontak", _("Telepon/Email"), 200),
		col("informasi_diminta", _("Informasi yang Diminta"), 260),
		col("jenis_informasi", _("Jenis Informasi"), 150),
		col("tujuan_penggunaan", _("Tujuan Penggunaan"), 200),
		col("cara_memperoleh", _("Cara Memperoleh / Mendapatkan Salinan"), 240),
		col("kanal", _("Kanal"), 160),
		col("keputusan", _("Keputusan"), 170),
		col("status_informasi", _("Status Informasi"), 150),
		col("pasal_pengecualian", _("Alasan Penolakan (Pasal 17)"), 150),
		col("tanggal_pemberitahuan", _("Tanggal Pemberitahuan Tertulis"), 120, "Date"),
		col("perpanjangan", _("Perpanjangan"), 100),
		col("tanggal_perpanjangan", _("Tanggal Perpanjangan"), 120, "Date"),
		col("tanggal_diserahkan", _("Tanggal Diserahkan"), 120, "Date"),
		col("biaya", _("Biaya (Rp)"), 110, "Currency"),
		col("hari_kerja", _("Jangka Waktu (Hari Kerja)"), 120, "Int"),
		col("keberatan", _("Keberatan"), 90),
		col("nomor_keberatan", _("Nomor Keberatan"), 160),
		col("status", _("Status"), 120),
		col("keterangan", _("Keterangan"), 200),
	]


def get_rows(filters, period: common.Period) -> list[dict]:
	p = frappe.qb.DocType(informasi.REQUEST)
	records = (
		frappe.qb.from_(p)
		.select(
			p.name,
			p.tanggal_diterima,
			p.nama_pemohon,
			p.jenis_pemohon,
			p.alamat,
			p.pekerjaan,
			p.telepon,
			p.email,
			p.informasi_diminta,
			p.jenis_informasi,
			p.tujuan_penggunaan,
			p.cara_memperoleh,
			p.cara_mendapatkan_salinan,
			p.kanal,
			p.keputusan,
			p.pasal_pengecualian,
			p.tanggal_pemberitahuan,
			p.batas_pemberitahuan,
			p.batas_perpanjangan,
			p.diimpor,
			p.tanggal_diserahkan,
			p.biaya,
			p.workflow_state,
			p.berasal_dari_pengaduan,
			p.dialihkan_ke_pengaduan,
		)
		.where(p.docstatus < 2)
		.where(informasi.request_conditions(p, filters, period))
		.orderby(p.tanggal_diterima)
		.orderby(p.name)
		.run(as_dict=True)
	)
	extended = informasi.extension_days(filters, period)
	objections = informasi.objections_of_requests(filters, period)
	today = clock.office_today()
	rows = []
	for no, r in enumerate(records, 1):
		kerahasiaan.decrypt_row(r, informasi.REQUEST)
		figures = informasi.request_figures(r, period, extended.get(r.name), today)
		cara = "; ".join(x for x in (r.cara_memperoleh, r.cara_mendapatkan_salinan) if x)
		objection_numbers = objections.get(r.name, [])
		rows.append(
			{
				"no": no,
				"name": r.name,
				"tanggal_diterima": figures["tanggal"],
				"nama_pemohon": r.nama_pemohon,
				"jenis_pemohon": r.jenis_pemohon,
				"alamat": r.alamat,
				"pekerjaan": r.pekerjaan,
				"kontak": " / ".join(x for x in (r.telepon, r.email) if x),
				"informasi_diminta": r.informasi_diminta,
				"jenis_informasi": r.jenis_informasi or "",
				"tujuan_penggunaan": r.tujuan_penggunaan,
				"cara_memperoleh": cara,
				"kanal": r.kanal,
				"keputusan": r.keputusan or "",
				"status_informasi": ir.information_status(r.keputusan),
				"pasal_pengecualian": r.pasal_pengecualian or "",
				"tanggal_pemberitahuan": r.tanggal_pemberitahuan,
				"perpanjangan": ir.YES if figures["diperpanjang"] else ir.NO,
				"tanggal_perpanjangan": extended.get(r.name),
				"tanggal_diserahkan": r.tanggal_diserahkan,
				"biaya": r.biaya or 0,
				"hari_kerja": figures["hari_kerja"],
				"keberatan": _("Ada") if objection_numbers else _("Tidak"),
				"nomor_keberatan": ", ".join(objection_numbers),
				"status": r.workflow_state,
				"keterangan": "; ".join(
					note
					for note in (
						r.berasal_dari_pengaduan and _("Dialihkan dari {0}").format(r.berasal_dari_pengaduan),
						r.dialihkan_ke_pengaduan and _("Dialihkan ke {0}").format(r.dialihkan_ke_pengaduan),
					)
					if note
				),
				"terlambat": figures["terlambat"],
			}
		)
	return rows


def totals_row(rows: list[dict]) -> dict:
	"""The register's closing line (used by the Excel export), with the requests per channel and per kind."""
	return {
		"name": _("{0} permohonan").format(len(rows)),
		"kanal": _count_line(r["kanal"] for r in rows),
		"jenis_informasi": _count_line(r["jenis_informasi"] for r in rows),
		"perpanjangan": _("{0} diperpanjang").format(sum(1 for r in rows if r["perpanjangan"] == ir.YES)),
		"biaya": sum(r["biaya"] or 0 for r in rows),
		"keberatan": _("{0} ada").format(sum(1 for r in rows if r["nomor_keberatan"])),
	}


def _count_line(values) -> str:
	"""'WhatsApp/SMS 3; Email 2; (tidak diisi) 1': each value and how many rows carry it, most first."""
	counts = Counter(v or recap.EMPTY_VALUE for v in values)
	return "; ".join(
		f"{value} {n}" for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
	)


def xlsx_notes(filters) -> list[str]:
	return informasi.filter_notes(filters, informasi.REQUEST_FILTERS)


def message(period: common.Period) -> str:
	return _(
		"Permohonan informasi yang diterima {0}. Jangka waktu: hari kerja dari tanggal diterima sampai "
		"tanggal pemberitahuan tertulis, menurut kalender kerja kantor (UU 14/2008 Pasal 22 ayat 7)."
	).format(period.label)


def summary(rows: list[dict]) -> list[dict]:
	decided = sum(1 for r in rows if r["keputusan"])
	late = sum(1 for r in rows if r["terlambat"])
	return [
		{"value": len(rows), "label": _("Jumlah Permohonan"), "datatype": "Int", "indicator": "Blue"},
		{"value": decided, "label": _("Sudah Diputus"), "datatype": "Int", "indicator": "Green"},
		{"value": len(rows) - decided, "label": _("Dalam Proses"), "datatype": "Int", "indicator": "Orange"},
		{"value": late, "label": _("Melewati Batas Waktu"), "datatype": "Int", "indicator": "Red"},
		{
			"value": sum(1 for r in rows if r["nomor_keberatan"]),
			"label": _("Dengan Keberatan"),
			"datatype": "Int",
			"indicator": "Grey",
		},
	]
