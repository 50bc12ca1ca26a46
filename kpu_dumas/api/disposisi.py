"""Dispositions in the Desk: a recipient's follow-up, passing it down, creating one from a complaint, the
due-time preview, the overdue count (number card) and a document's dispositions.

Recipients change only their own row, through `tindak_lanjut`: the form never writes their progress
(see Disposisi.keep_recipient_progress).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, getdate
from frappe.utils.html_utils import sanitize_html
from markupsafe import escape

from kpu_dumas import clock
from kpu_dumas.core import disposisi as rules
from kpu_dumas.kpu_dumas.doctype.disposisi.disposisi import complete_if_all_done, sifat_duration

DOCTYPE = "Disposisi"
RECIPIENTS = "Penerima Disposisi"
# A disposition of a confidential complaint takes this Sifat when the office still has it.
SIFAT_RAHASIA = "Rahasia"


def _own_row(doc, user: str):
	for row in doc.penerima:
		if row.penerima == user:
			return row
	frappe.throw(
		_("Anda bukan penerima disposisi {0}.").format(frappe.bold(doc.name)),
		frappe.PermissionError,
		title=_("Bukan Penerima"),
	)


def _require_sent(doc, what: str):
	if doc.workflow_state != rules.DIKIRIM:
		frappe.throw(
			_(
				"Disposisi {0} berstatus {1}: {2} hanya pada disposisi yang sudah dikirim dan belum selesai."
			).format(frappe.bold(doc.name), frappe.bold(_(doc.workflow_state)), what),
			title=_("Disposisi Tidak Aktif"),
		)


@frappe.whitelist(methods=["POST"])
def tindak_lanjut(disposisi: str, catatan: str, selesai: int | str | bool = 0) -> dict:
	"""The session user, a recipient, records their follow-up and, with `selesai`, closes their part."""
	doc = frappe.get_doc(DOCTYPE, disposisi)
	doc.check_permission("read")
	user = frappe.session.user
	row = _own_row(doc, user)
	_require_sent(doc, _("tindak lanjut dicatat"))
	catatan = sanitize_html((catatan or "").strip())
	if not catatan:
		frappe.throw(_("Isi catatan tindak lanjut: apa yang sudah dikerjakan."), title=_("Catatan Kosong"))
	try:
		status = rules.status_after_follow_up(row.status, bool(cint(selesai)))
	except ValueError as e:
		frappe.throw(_(str(e)), title=_("Sudah Selesai"))

	now = clock.now()
	values = {"status": status, "catatan_tindak_lanjut": catatan, "dibaca_pada": row.dibaca_pada or now}
	if status == rules.SELESAI:
		values["selesai_pada"] = now
	frappe.db.set_value(RECIPIENTS, row.name, values, update_modified=False)
	doc.add_comment(
		"Info",
		_("{0} mencatat tindak lanjut ({1}): {2}").format(
			escape(row.nama_penerima or user), _(status), escape(frappe.utils.strip_html(catatan))
		),
	)
	if status == rules.SELESAI:
		_close_own_todo(doc.name, user)
		doc = complete_if_all_done(doc.name, closed_by=user)
	return {"status": status, "workflow_state": doc.workflow_state}


def _close_own_todo(name: str, user: str):
	for todo in frappe.get_all(
		"ToDo",
		filters={"reference_type": DOCTYPE, "reference_name": name, "allocated_to": user, "status": "Open"},
		pluck="name",
	):
		todo = frappe.get_doc("ToDo", todo)
		todo.status = "Closed"
		todo.save(ignore_permissions=True)


@frappe.whitelist()
def buat_lanjutan(source_name: str, target_doc=None):
	"""A new, unsaved disposition passing `source_name` further down, from the session user (a recipient).

	Called by frappe.model.open_mapped_doc (button "Teruskan" on the form).
	"""
	parent = frappe.get_doc(DOCTYPE, source_name)
	parent.check_permission("read")
	frappe.has_permission(DOCTYPE, "create", throw=True)
	user = frappe.session.user
	row = _own_row(parent, user)
	_require_sent(parent, _("meneruskan disposisi"))
	doc = frappe.new_doc(DOCTYPE)
	doc.update(
		{
			field: parent.get(field)
			for field in (
				"perihal",
				"sifat",
				"dokumen_sumber_type",
				"dokumen_sumber",
				"asal_surat",
				"nomor_surat_asal",
				"tanggal_surat_asal",
				"tanggal_diterima_surat",
			)
		}
	)
	doc.disposisi_induk = parent.name
	doc.dari = user
	doc.jabatan_pemberi = row.jabatan
	return doc


@frappe.whitelist()
def buat_dari_pengaduan(source_name: str, target_doc=None):
	"""A new, unsaved disposition routing complaint `source_name` (button "Buat Disposisi" on Pengaduan).

	Only the subject, number, date and channel are copied: never the reporter's identity, whatever the
	complaint's confidentiality.
	"""
	return _new_disposition_from("Pengaduan", source_name, prefill_from_pengaduan)


@frappe.whitelist()
def buat_dari_permohonan(source_name: str, target_doc=None):
	"""A new, unsaved disposition routing an information request to the units that hold the information
	(the PPID's coordination by disposition; button "Buat Disposisi" on Permohonan Informasi)."""
	return _new_disposition_from("Permohonan Informasi", source_name, prefill_from_permohonan)


def _new_disposition_from(doctype: str, source_name: str, prefill):
	source = frappe.get_doc(doctype, source_name)
	source.check_permission("read")
	frappe.has_permission(DOCTYPE, "create", throw=True)
	doc = frappe.new_doc(DOCTYPE)
	doc.update(prefill(source))
	doc.dari = frappe.session.user
	return doc


def prefill_from_permohonan(source) -> dict:
	received = getdate(source.tanggal_diterima) if source.tanggal_diterima else None
	return {
		"perihal": _("Permohonan informasi: {0}").format((source.informasi_diminta or "")[:120]),
		"dokumen_sumber_type": source.doctype,
		"dokumen_sumber": source.name,
		"asal_surat": _("Permohonan informasi publik dari {0}, kanal {1}").format(
			source.nama_pemohon, source.kanal
		),
		"nomor_surat_asal": source.name,
		"tanggal_surat_asal": received,
		"tanggal_diterima_surat": received,
	}


def prefill_from_pengaduan(source) -> dict:
	if source.anonim:
		origin = _("Pengaduan masyarakat (anonim), kanal {0}").format(source.kanal)
	elif source.rahasia:
		origin = _("Pengaduan masyarakat (identitas pelapor dirahasiakan), kanal {0}").format(source.kanal)
	else:
		origin = _("Pengaduan masyarakat, kanal {0}").format(source.kanal)
	values = {
		"perihal": source.perihal,
		"dokumen_sumber_type": source.doctype,
		"dokumen_sumber": source.name,
		"asal_surat": origin,
		"nomor_surat_asal": source.name,
		"tanggal_surat_asal": getdate(source.tanggal_diterima) if source.tanggal_diterima else None,
		"tanggal_diterima_surat": getdate(source.tanggal_diterima) if source.tanggal_diterima else None,
	}
	if source.rahasia and frappe.db.exists("Sifat Disposisi", SIFAT_RAHASIA):
		values["sifat"] = SIFAT_RAHASIA
	return values


@frappe.whitelist()
def hitung_batas_waktu(sifat: str, mulai: str | None = None):
	"""The due time a disposition of `sifat` started at `mulai` (default now) gets: the form's preview."""
	if not frappe.has_permission("Sifat Disposisi", "read"):
		raise frappe.PermissionError
	return clock.due(get_datetime(mulai) if mulai else clock.now(), sifat_duration(sifat))


@frappe.whitelist()
def jumlah_terlambat(filters=None) -> dict:
	"""Number card "Disposisi Terlambat": sent dispositions past due with a recipient not done,
	among those the user may see."""
	now = clock.now()
	names = frappe.get_list(
		DOCTYPE,
		filters=[
			[DOCTYPE, "workflow_state", "=", rules.DIKIRIM],
			[DOCTYPE, "batas_waktu", "<", now],
			[RECIPIENTS, "status", "!=", rules.SELESAI],
		],
		pluck="name",
		distinct=True,
	)
	return {
		"value": len(set(names)),
		"fieldtype": "Int",
		"route": ["List", DOCTYPE],
		"route_options": {"workflow_state": rules.DIKIRIM, "batas_waktu": ["<", str(now)]},
	}


@frappe.whitelist()
def untuk_dokumen(doctype: str, name: str) -> str:
	"""The dispositions of a document (that the user may see) with their state and recipients, as HTML
	for the source document's form dashboard."""
	frappe.get_doc(doctype, name).check_permission("read")
	rows = frappe.get_list(
		DOCTYPE,
		filters={"dokumen_sumber_type": doctype, "dokumen_sumber": name},
		fields=["name", "sifat", "workflow_state", "batas_waktu", "nama_pemberi", "dari"],
		order_by="creation asc",
	)
	if not rows:
		return ""
	recipients: dict[str, list[str]] = {}
	for r in frappe.get_all(
		RECIPIENTS,
		filters={"parent": ("in", [row.name for row in rows]), "parenttype": DOCTYPE},
		fields=["parent", "penerima", "nama_penerima", "status"],
		order_by="idx asc",
	):
		recipients.setdefault(r.parent, []).append(
			f"{escape(r.nama_penerima or r.penerima)} ({escape(r.status)})"
		)
	body = "".join(
		"<tr><td><a href='/app/disposisi/{0}'>{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td>"
		"<td>{5}</td></tr>".format(
			escape(row.name),
			escape(row.nama_pemberi or row.dari),
			escape(row.sifat or ""),
			escape(_(row.workflow_state or "")),
			escape(clock.format_office(row.batas_waktu) if row.batas_waktu else "-"),
			", ".join(recipients.get(row.name, [])),
		)
		for row in rows
	)
	head = "".join(
		f"<th>{escape(_(label))}</th>"
		for label in ("Nomor Agenda", "Dari", "Sifat", "Status", "Batas Waktu", "Penerima")
	)
	return (
		"<table class='table table-sm table-bordered' style='margin: 0;'>"
		f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
	)
