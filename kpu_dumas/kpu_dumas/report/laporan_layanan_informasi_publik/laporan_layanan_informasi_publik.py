# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Laporan Layanan Informasi Publik: the monthly or annual report of the PPID (Perki 1/2021), one row per
month and a total: requests received, their decisions, refusals per exemption (UU 14/2008 Pasal 17),
requests still in process, the average working days to the written notice on the office calendar,
extensions, notices past their deadline, the objections filed with their outcome, and the requests per
channel (WhatsApp/SMS apart from walk-ins, letters and email) and per kind of information (Jenis Informasi).

Requests count in the month they were received, objections in the month they were filed. The counting
is kpu_dumas.core.information_recap.
"""

from __future__ import annotations

import re

import frappe
from frappe import _

from kpu_dumas import clock
from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import information_rules as rules
from kpu_dumas.core import recap
from kpu_dumas.kpu_dumas.doctype.jenis_informasi.jenis_informasi import active_kinds
from kpu_dumas.reports import common, informasi

DECISION_COLUMNS = {
	rules.GRANTED_IN_FULL: "dikabulkan_seluruhnya",
	rules.GRANTED_IN_PART: "dikabulkan_sebagian",
	rules.REFUSED: "ditolak",
	rules.NOT_HELD: "tidak_dikuasai",
	rules.NOT_YET_DOCUMENTED: "belum_didokumentasikan",
}
OBJECTION_COLUMNS = {
	ir.OBJECTION_ACCEPTED: "keberatan_diterima",
	ir.OBJECTION_REFUSED: "keberatan_ditolak",
	ir.OBJECTION_PENDING: "keberatan_belum_ditanggapi",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = common.get_period(filters)
	result = ir.information_recap(
		request_rows(filters, period),
		objection_rows(filters, period),
		months=period.months,
		channels=channel_options(),
		kinds=kind_options(),
	)
	cols = columns(result)
	return cols, rows(result), message(period), chart(result), summary(result)


def request_rows(filters, period: common.Period) -> list[dict]:
	p = frappe.qb.DocType(informasi.REQUEST)
	records = (
		frappe.qb.from_(p)
		.select(
			p.name,
			p.tanggal_diterima,
			p.kanal,
			p.jenis_informasi,
			p.keputusan,
			p.pasal_pengecualian,
			p.tanggal_pemberitahuan,
			p.batas_pemberitahuan,
			p.batas_perpanjangan,
			p.diimpor,
		)
		.where(p.docstatus < 2)
		# recorded in error, or really a complaint (counted in the complaint register): not a request served
		.where(p.workflow_state.notin([rules.DIBATALKAN, rules.DIALIHKAN]))
		.where(informasi.request_conditions(p, filters, period))
		.run(as_dict=True)
	)
	extended = informasi.extension_days(filters, period)
	today = clock.office_today()
	return [{**r, **informasi.request_figures(r, period, extended.get(r.name), today)} for r in records]


def objection_rows(filters, period: common.Period) -> list[dict]:
	k = frappe.qb.DocType(informasi.OBJECTION)
	records = (
		frappe.qb.from_(k)
		.select(k.tanggal_diajukan, k.keputusan_atasan, k.tanggapan_pemohon)
		.where(k.docstatus < 2)
		.where(informasi.objection_conditions(k, filters, period))
		.run(as_dict=True)
	)
	for r in records:
		r["tanggal"] = period.office_date(frappe.utils.get_datetime(r.pop("tanggal_diajukan")))
	return records


def exemption_field(exemption: str) -> str:
	return "ditolak_" + frappe.scrub(exemption)


def _slug(value: str) -> str:
	return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_") or "tidak_diisi"


def channel_field(channel: str) -> str:
	return "kanal_" + _slug(channel)


def kind_field(kind: str) -> str:
	return "jenis_" + _slug(kind)


def channel_options() -> list[str]:
	"""The request channels, in the order the form offers them."""
	options = frappe.get_meta(informasi.REQUEST).get_field("kanal").options or ""
	return [o for o in options.split("\n") if o]


def kind_options() -> list[str]:
	"""The active kinds of information, in the office's order (Jenis Informasi › Urutan)."""
	return active_kinds()


def columns(result: ir.InformationRecap) -> list[dict]:
	def col(fieldname, label, width=110, fieldtype="Int"):
		return common.column(fieldname, label, width, fieldtype)

	cols = [
		col("bulan", _("Bulan"), 130, "Data"),
		col("permohonan", _("Jumlah Permohonan")),
		col("dikabulkan_seluruhnya", _("Dikabulkan Seluruhnya")),
		col("dikabulkan_sebagian", _("Dikabulkan Sebagian")),
		col("ditolak", _("Ditolak")),
	]
	cols += [col(exemption_field(e), _("Ditolak: {0}").format(_(e)), 130) for e in result.exemptions]
	cols += [
		col("tidak_dikuasai", _("Informasi Tidak Dikuasai"), 120),
		col("belum_didokumentasikan", _("Informasi Belum Didokumentasikan"), 140),
		col("dalam_proses", _("Masih Diproses")),
		col("rata_hari_kerja", _("Rata-rata Hari Kerja s.d. Pemberitahuan"), 150, "Float"),
		col("perpanjangan", _("Diperpanjang")),
		col("terlambat", _("Melewati Batas Waktu"), 120),
		col("keberatan", _("Keberatan Diajukan"), 120),
		col("keberatan_diterima", _("Keberatan Diterima"), 120),
		col("keberatan_ditolak", _("Keberatan Ditolak"), 120),
		col("keberatan_belum_ditanggapi", _("Keberatan Belum Ditanggapi"), 130),
		col("ke_komisi_informasi", _("Diajukan ke Komisi Informasi"), 130),
	]
	return cols + channel_and_kind_columns(result, col)


def _row(m: ir.InformationMonth, label: str, result: ir.InformationRecap) -> dict:
	return {"bulan": label, **month_counts(m, result, result.exemptions)}


def month_counts(m: ir.InformationMonth, result: ir.InformationRecap, exemptions) -> dict:
	"""A month's (or the total's) figures by fieldname, as this report and the annual one show them: the
	counts, each decision, each Pasal 17 letter in `exemptions`, each objection outcome, each channel
	and kind of information of `result`."""
	row = {
		"permohonan": m.permohonan,
		"dalam_proses": m.dalam_proses,
		"rata_hari_kerja": m.rata_hari_kerja,
		"perpanjangan": m.perpanjangan,
		"terlambat": m.terlambat,
		"keberatan": m.keberatan,
		"ke_komisi_informasi": m.ke_komisi_informasi,
	}
	row.update({field: m.keputusan.get(decision, 0) for decision, field in DECISION_COLUMNS.items()})
	row.update({exemption_field(e): m.pengecualian.get(e, 0) for e in exemptions})
	row.update({field: m.hasil_keberatan.get(outcome, 0) for outcome, field in OBJECTION_COLUMNS.items()})
	row.update({channel_field(c): m.kanal.get(c, 0) for c in result.channels})
	row.update({kind_field(k): m.jenis.get(k, 0) for k in result.kinds})
	return row


def channel_and_kind_columns(result: ir.InformationRecap, col) -> list[dict]:
	"""How the requests came and what they asked for: a column per channel and per kind of information."""
	return [col(channel_field(c), _("Melalui {0}").format(_(c)), 120) for c in result.channels] + [
		col(kind_field(k), _("Jenis: {0}").format(_(k)), 130) for k in result.kinds
	]


def rows(result: ir.InformationRecap) -> list[dict]:
	data = [_row(m, recap.month_label(m.bulan), result) for m in result.months]
	data.append({**_row(result.total, _("Jumlah"), result), "is_total_row": 1})
	return data


def chart(result: ir.InformationRecap) -> dict | None:
	"""Stacked bars per month: the decisions and the requests still in process."""
	if not result.total.permohonan:
		return None
	series = [(_(d), lambda m, d=d: m.keputusan.get(d, 0)) for d in ir.DECISIONS]
	series.append((_("Masih Diproses"), lambda m: m.dalam_proses))
	return {
		"data": {
			"labels": [recap.month_label(m.bulan, short=True) for m in result.months],
			"datasets": [
				{"name": name, "values": [value(m) for m in result.months]} for name, value in series
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29CD42", "#98D85B", "#E24C4C", "#7575FF", "#B0B0B0", "#FFA00A"],
		"fieldtype": "Int",
	}


def summary(result: ir.InformationRecap) -> list[dict]:
	s = result.summary()
	average = s["rata_hari_kerja"]
	return [
		{"value": s["permohonan"], "label": _("Jumlah Permohonan"), "datatype": "Int", "indicator": "Blue"},
		{"value": s["dikabulkan"], "label": _("Dikabulkan"), "datatype": "Int", "indicator": "Green"},
		{"value": s["ditolak"], "label": _("Ditolak"), "datatype": "Int", "indicator": "Red"},
		{"value": s["dalam_proses"], "label": _("Masih Diproses"), "datatype": "Int", "indicator": "Orange"},
		{
			"value": average if average is not None else 0,
			"label": _("Rata-rata Hari Kerja"),
			"datatype": "Float",
			"indicator": "Blue",
		},
		{"value": s["keberatan"], "label": _("Keberatan"), "datatype": "Int", "indicator": "Grey"},
	]


def xlsx_notes(filters) -> list[str]:
	return informasi.filter_notes(filters, {})


def message(period: common.Period) -> str:
	return _(
		"Permohonan dihitung pada bulan diterima, keberatan pada bulan diajukan ({0}). Rata-rata hari kerja: "
		"dari tanggal diterima sampai tanggal pemberitahuan tertulis, menurut kalender kerja kantor. "
		"Melewati batas waktu: pemberitahuan sesudah batas (setelah perpanjangan, bila ada), atau belum ada "
		"pemberitahuan padahal batasnya sudah lewat."
	).format(period.label)
