# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Register Pengaduan: the register book, one row per complaint received in the period.

The reporter's name is joined from Identitas Pelapor only for a complaint that is neither anonim nor
rahasia (the join condition says so, so a confidential name never leaves the database); the others
read "Anonim" or "Dirahasiakan" for every user, because a register gets printed.
An identity reader who fills "Alasan membuka identitas rahasia" sees the rahasia reporters' names too
(pengungkapan.reveal_in_register: one Log Buka Identitas row per case, door report or export).
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.query_builder.functions import Cast

from kpu_dumas import clock, pengungkapan
from kpu_dumas.core import recap
from kpu_dumas.core.kerahasiaan import ERASED
from kpu_dumas.kerahasiaan import decrypt
from kpu_dumas.reports import common


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	rows = get_rows(filters, period)
	# An identity reader who gives a reason sees the rahasia reporters too, each reveal logged.
	pengungkapan.reveal_in_register(rows, filters)
	return columns(), rows, message(period), None, summary(rows)


def columns() -> list[dict]:
	return [
		{"fieldname": "no", "label": _("No."), "fieldtype": "Int", "width": 60},
		{
			"fieldname": "name",
			"label": _("Nomor Registrasi"),
			"fieldtype": "Link",
			"options": "Pengaduan",
			"width": 160,
		},
		{"fieldname": "tanggal_diterima", "label": _("Tanggal Diterima"), "fieldtype": "Date", "width": 110},
		{"fieldname": "kanal", "label": _("Kanal"), "fieldtype": "Data", "width": 170},
		{"fieldname": "pelapor", "label": _("Pelapor"), "fieldtype": "Data", "width": 170},
		{"fieldname": "perihal", "label": _("Perihal"), "fieldtype": "Data", "width": 240},
		{"fieldname": "kategori", "label": _("Kategori"), "fieldtype": "Data", "width": 170},
		{"fieldname": "teradu", "label": _("Teradu"), "fieldtype": "Data", "width": 160},
		{"fieldname": "lokasi_kasus", "label": _("Lokasi"), "fieldtype": "Data", "width": 140},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "nomor_surat_tanggapan",
			"label": _("Nomor Surat Tanggapan"),
			"fieldtype": "Data",
			"width": 200,
		},
		{
			"fieldname": "tanggal_tanggapan",
			"label": _("Tanggal Surat Tanggapan"),
			"fieldtype": "Date",
			"width": 110,
		},
		{"fieldname": "ketepatan", "label": _("Ketepatan Waktu"), "fieldtype": "Data", "width": 120},
		{"fieldname": "keterangan", "label": _("Keterangan"), "fieldtype": "Data", "width": 220},
	]


def get_rows(filters, period: common.Period) -> list[dict]:
	p = frappe.qb.DocType("Pengaduan")
	ip = frappe.qb.DocType("Identitas Pelapor")
	query = (
		frappe.qb.from_(p)
		.left_join(ip)
		# an identity erased at the end of its retention reads "Dihapus (retensi)", rahasia or not
		.on(
			(ip.name == p.identitas_pelapor)
			& (p.anonim == 0)
			& ((p.rahasia == 0) | (ip.nama_lengkap == ERASED))
		)
		.select(
			p.name,
			# as text: Frappe's DATETIME converter (strptime) would cost a second per 100,000 rows
			Cast(p.tanggal_diterima, "CHAR"),
			p.kanal,
			p.nomor_tiket_lapor,
			p.anonim,
			p.rahasia,
			ip.nama_lengkap,
			p.perihal,
			p.kategori,
			p.teradu,
			p.lokasi_kasus,
			p.workflow_state,
			p.nomor_surat_tanggapan,
			p.tanggal_tanggapan,
			common.kept_timeliness(p, clock.now()),
			p.digabung_ke,
			p.dialihkan_ke_permohonan,
			p.diteruskan_ke,
			p.berasal_dari_permohonan,
		)
		.where(common.complaint_conditions(p, filters, period))
		.where(common.need_to_know(p))
		.orderby(p.tanggal_diterima)
		.orderby(p.name)
	)
	office_date = period.office_date
	return [
		{
			"no": no,
			"name": name,
			"tanggal_diterima": office_date(datetime.fromisoformat(received)) if received else None,
			"kanal": recap.channel_label(kanal, tiket),
			"pelapor": recap.reporter_label(anonim, rahasia, decrypt(nama)),
			"perihal": perihal,
			"kategori": kategori,
			"teradu": teradu,
			"lokasi_kasus": lokasi,
			"status": status,
			"nomor_surat_tanggapan": nomor_surat,
			"tanggal_tanggapan": tanggal_surat,
			"ketepatan": ketepatan,
			"keterangan": recap.path_note(status, digabung, dialihkan, diteruskan, berasal),
		}
		for no, (
			name,
			received,
			kanal,
			tiket,
			anonim,
			rahasia,
			nama,
			perihal,
			kategori,
			teradu,
			lokasi,
			status,
			nomor_surat,
			tanggal_surat,
			ketepatan,
			digabung,
			dialihkan,
			diteruskan,
			berasal,
		) in enumerate(query.run(), 1)
	]


def totals_row(rows: list[dict]) -> dict:
	"""The register's closing line (used by the Excel export)."""
	late = sum(1 for r in rows if r["ketepatan"] == recap.LATE)
	return {
		"name": _("{0} pengaduan").format(len(rows)),
		"ketepatan": _("{0} terlambat").format(late),
	}


def message(period: common.Period) -> str:
	return common.period_message(
		period,
		_(
			"Pelapor anonim dan pelapor yang identitasnya dirahasiakan tidak disebutkan namanya. Ketepatan "
			"waktu: Terlambat bila ada tahap yang melewati batas mutu baku."
		),
	)


def summary(rows: list[dict]) -> list[dict]:
	states = {}
	for r in rows:
		states[r["status"]] = states.get(r["status"], 0) + 1
	on_time = sum(1 for r in rows if r["ketepatan"] == recap.ON_TIME)
	late = sum(1 for r in rows if r["ketepatan"] == recap.LATE)
	s = recap.status_summary(states, on_time, late)
	return [
		{"value": s["jumlah"], "label": _("Jumlah Pengaduan"), "datatype": "Int", "indicator": "Blue"},
		{"value": s["selesai"], "label": _("Selesai"), "datatype": "Int", "indicator": "Green"},
		{"value": s["dalam_proses"], "label": _("Dalam Proses"), "datatype": "Int", "indicator": "Orange"},
		{"value": late, "label": _("Terlambat"), "datatype": "Int", "indicator": "Red"},
	]
