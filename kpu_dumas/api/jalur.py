"""The paths that take a case elsewhere, so that no citizen is lost between doors (README "Jalur pengaduan").

- Possible duplicates: `kandidat_duplikat` lists them (kpu_dumas.duplicates), `bukan_duplikat` dismisses
  the flag with a reason, `gabungkan` merges a duplicate into its main case (the duplicate ends as
  Digabungkan; its channel, receipt time and evidence join the main case; identities stay apart).
- Alihkan: a complaint that is really a request for information continues as a Permohonan Informasi
  (`alihkan_ke_permohonan`), and the reverse (`alihkan_ke_pengaduan`); the new case keeps the original
  receipt time, so its legal clock runs from when the citizen first came. The old case ends as
  Dialihkan with the link; its tracking code keeps working in /lacak.
- Forwarding to the competent body is a plain workflow action (Teruskan ke Instansi); its letter and
  email come from the controller and kpu_dumas.notify.

Each action takes a transition of the shipped workflow, so who may take it is the workflow's (an admin
re-maps it in the Workflow); it is checked before anything is written, and everything one action writes
is one transaction.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_workflow
from frappe.utils import cstr

from kpu_dumas import clock, duplicates, kerahasiaan, pengungkapan
from kpu_dumas.core import jalur
from kpu_dumas.pengaduan_permissions import visible_names
from kpu_dumas.permissions import can_read_identity
from kpu_dumas.record import trusted
from kpu_dumas.roles import PEJABAT_BERWENANG, PETUGAS_PENERIMA_ADUAN

PENGADUAN = "Pengaduan"
PERMOHONAN = "Permohonan Informasi"
MERGE = "Gabungkan"
TO_REQUEST = "Alihkan ke Permohonan Informasi"
TO_COMPLAINT = "Alihkan ke Pengaduan"
# Who decides that a flagged complaint is not a duplicate: those who may merge it at intake.
DUPLICATE_DECIDERS = frozenset({PETUGAS_PENERIMA_ADUAN, PEJABAT_BERWENANG, "System Manager"})
# A main case must still be open to take a duplicate in.
CLOSED_MAIN = _("Pengaduan utama {0} sudah berstatus {1}.")


@frappe.whitelist()
def aksi(doctype: str, name: str) -> dict:
	"""Which of these paths the session user may take on the document now (for the form's buttons)."""
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	roles = set(frappe.get_roles())
	if doctype == PENGADUAN:
		return {
			"gabungkan": bool(_transition(doc, MERGE, roles)),
			"alihkan": bool(_transition(doc, TO_REQUEST, roles)),
			"bukan_duplikat": bool(DUPLICATE_DECIDERS & roles) and doc.docstatus == 0,
		}
	if doctype == PERMOHONAN:
		return {"alihkan": bool(_transition(doc, TO_COMPLAINT, roles))}
	return {}


# --- possible duplicates --------------------------------------------------------------------------------


@frappe.whitelist()
def kandidat_duplikat(pengaduan: str) -> dict:
	"""The possible duplicates of a complaint as the session user may see them (what they may do with
	them: `aksi`)."""
	doc = frappe.get_doc(PENGADUAN, pengaduan)
	doc.check_permission("read")
	found = duplicates.candidates(doc)
	# need to know: a Tim member is not shown the complaints they are not on (only how many)
	visible = visible_names([row["name"] for row in found["kandidat"]])
	found["disembunyikan"] += sum(1 for row in found["kandidat"] if row["name"] not in visible)
	found["kandidat"] = [row for row in found["kandidat"] if row["name"] in visible]
	found["ditandai"] = bool(doc.kemungkinan_duplikat)
	return found


@frappe.whitelist(methods=["POST"])
def bukan_duplikat(pengaduan: str, alasan: str) -> dict:
	"""Dismiss the duplicate flag, recording who and why."""
	if not DUPLICATE_DECIDERS & set(frappe.get_roles()):
		_refuse_role(_("menyatakan bukan duplikat"), sorted(DUPLICATE_DECIDERS - {"System Manager"}))
	doc = frappe.get_doc(PENGADUAN, pengaduan)
	doc.check_permission("read")
	if doc.docstatus != 0:
		frappe.throw(
			_("Pengaduan {0} sudah final ({1}).").format(doc.name, _(doc.workflow_state)),
			title=_("Pengaduan Sudah Final"),
		)
	if error := jalur.reason_error(alasan):
		frappe.throw(_(error), title=_("Alasan Wajib Diisi"))
	reason = cstr(alasan).strip()
	doc.db_set(
		{
			"kemungkinan_duplikat": 0,
			"bukan_duplikat_oleh": frappe.session.user,
			"bukan_duplikat_pada": clock.now(),
			"alasan_bukan_duplikat": reason,
		}
	)
	doc.add_comment("Info", _("Dinyatakan bukan duplikat: {0}").format(frappe.utils.escape_html(reason)))
	return {"name": doc.name}


@frappe.whitelist(methods=["POST"])
def gabungkan(pengaduan: str, utama: str, keterangan: str | None = None) -> dict:
	"""Merge the complaint `pengaduan` (the duplicate) into `utama` (the main case)."""
	dup = frappe.get_doc(PENGADUAN, pengaduan)
	dup.check_permission("read")
	_check_transition(dup, MERGE)
	main = _main_case(dup, utama)
	now = clock.now()
	copied = _copy_evidence(dup, main)
	main.append(
		"pengaduan_tergabung",
		{
			"pengaduan": dup.name,
			"kanal": dup.kanal,
			"nomor_tiket_lapor": dup.nomor_tiket_lapor,
			"tanggal_diterima": dup.tanggal_diterima,
			"digabung_pada": now,
			"digabung_oleh": frappe.session.user,
			"jumlah_bukti": copied,
		},
	)
	trusted(main).save(ignore_permissions=True)  # the main case may sit in another role's stage
	note = cstr(keterangan).strip()
	main.add_comment(
		"Info",
		_("Pengaduan {0} ({1}, diterima {2}) digabungkan ke pengaduan ini; {3} bukti disalin.").format(
			dup.name, dup.kanal, clock.format_office(dup.tanggal_diterima), copied
		)
		+ (f" {frappe.utils.escape_html(note)}" if note else ""),
	)
	dup.db_set("digabung_ke", main.name, update_modified=False)
	dup = apply_workflow(dup, MERGE)
	dup.add_comment(
		"Info",
		_("Digabungkan ke pengaduan utama {0}.").format(main.name)
		+ (f" {frappe.utils.escape_html(note)}" if note else ""),
	)
	return {"name": dup.name, "utama": main.name, "bukti_disalin": copied}


def _main_case(dup, utama: str | None):
	name = cstr(utama).strip().upper()
	if not name or not frappe.db.exists(PENGADUAN, name):
		frappe.throw(
			_("Pilih pengaduan utama yang ada, misalnya dari daftar kandidat duplikat."),
			title=_("Pengaduan Utama Tidak Ditemukan"),
		)
	main = frappe.get_doc(PENGADUAN, name)
	if main.digabung_ke:  # itself merged: the matter lives in its own main case
		main = frappe.get_doc(PENGADUAN, main.digabung_ke)
	main.check_permission("read")
	if main.name == dup.name:
		frappe.throw(
			_("Pengaduan tidak dapat digabungkan ke dirinya sendiri."), title=_("Pengaduan Utama Keliru")
		)
	if main.docstatus != 0:
		frappe.throw(
			CLOSED_MAIN.format(main.name, _(main.workflow_state))
			+ " "
			+ _(
				"Hanya pengaduan yang masih ditangani dapat menjadi pengaduan utama. Bila hal yang sama sudah "
				"ditanggapi, tolak pengaduan ini dengan alasan 'Sudah pernah ditangani' dan rujuk tanggapannya."
			),
			title=_("Pengaduan Utama Sudah Final"),
		)
	return main


def _copy_evidence(dup, main) -> int:
	"""The duplicate's evidence joins the main case: a row per file, and a File record attached to the
	main case for the same stored file (the duplicate keeps its own; the file is never moved)."""
	count = 0
	attached = {
		f.file_url: f
		for f in frappe.get_all(
			"File",
			filters={"attached_to_doctype": PENGADUAN, "attached_to_name": dup.name},
			fields=["name", "file_url", "file_name", "is_private"],
		)
	}
	for row in dup.bukti or []:
		if not row.berkas:
			continue
		label = _("Dari {0} (digabungkan)").format(dup.name)
		main.append(
			"bukti",
			{"berkas": row.berkas, "keterangan": f"{label}: {row.keterangan}" if row.keterangan else label},
		)
		if source := attached.get(row.berkas):
			frappe.get_doc(
				{
					"doctype": "File",
					"file_url": source.file_url,
					"file_name": source.file_name,
					"is_private": source.is_private,
					"attached_to_doctype": PENGADUAN,
					"attached_to_name": main.name,
				}
			).insert(ignore_permissions=True)
		count += 1
	return count


# --- Alihkan: the other register -----------------------------------------------------------------------


@frappe.whitelist()
def data_pengalihan(doctype: str, name: str) -> dict:
	"""What the Alihkan dialog starts from: the values the new case will take over."""
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	if doctype == PENGADUAN:
		return _request_values(doc, {})
	if doctype == PERMOHONAN:
		return _complaint_values(doc, {})
	frappe.throw(_("Hanya pengaduan dan permohonan informasi yang dapat dialihkan."))


@frappe.whitelist(methods=["POST"])
@kerahasiaan.guard_identity_errors
def alihkan_ke_permohonan(pengaduan: str, data: str | dict | None = None) -> dict:
	"""Continue a complaint as an information request received when the complaint was."""
	doc = frappe.get_doc(PENGADUAN, pengaduan)
	doc.check_permission("read")
	_check_transition(doc, TO_REQUEST)
	values = _request_values(doc, _data(data))
	if gaps := jalur.missing(values, jalur.REQUEST_NEEDS):
		_refuse_gaps(gaps, _("Permohonan Informasi"))
	request = frappe.get_doc({"doctype": PERMOHONAN, **values})
	trusted(request).insert(ignore_permissions=True)
	doc.db_set("dialihkan_ke_permohonan", request.name, update_modified=False)
	apply_workflow(doc, TO_REQUEST)
	request.add_comment("Info", _("Dialihkan dari pengaduan {0}.").format(doc.name))
	return {"name": doc.name, "baru": request.name}


@frappe.whitelist(methods=["POST"])
@kerahasiaan.guard_identity_errors
def alihkan_ke_pengaduan(permohonan: str, data: str | dict | None = None) -> dict:
	"""Continue an information request as a complaint received when the request was."""
	doc = frappe.get_doc(PERMOHONAN, permohonan)
	doc.check_permission("read")
	_check_transition(doc, TO_COMPLAINT)
	values = _complaint_values(doc, _data(data))
	if gaps := jalur.missing(values, jalur.COMPLAINT_NEEDS):
		_refuse_gaps(gaps, _("Pengaduan"))
	reporter = frappe.get_doc(
		{
			"doctype": "Identitas Pelapor",
			"nama_lengkap": doc.nama_pemohon,
			"jenis_identitas": doc.jenis_identitas,
			"nomor_identitas": doc.nomor_identitas,
			"alamat": doc.alamat,
			"telepon": doc.telepon,
			"email": doc.email,
			"pekerjaan": doc.pekerjaan,
		}
	).insert(ignore_permissions=True)
	complaint = frappe.get_doc({"doctype": PENGADUAN, **values, "identitas_pelapor": reporter.name})
	trusted(complaint).insert(ignore_permissions=True)
	doc.db_set("dialihkan_ke_pengaduan", complaint.name, update_modified=False)
	apply_workflow(doc, TO_COMPLAINT)
	complaint.add_comment("Info", _("Dialihkan dari permohonan informasi {0}.").format(doc.name))
	return {"name": doc.name, "baru": complaint.name}


def _request_values(doc, given: dict) -> dict:
	"""A new Permohonan Informasi from a complaint: the receipt, channel and portal user carry over; the
	requester from the complaint's reporter (to identity readers), overridden by what the officer gave."""
	values = {
		"tanggal_diterima": doc.tanggal_diterima,
		"kanal": jalur.REQUEST_CHANNEL_OF_COMPLAINT.get(doc.kanal, jalur.DEFAULT_CHANNEL),
		"pengguna_portal": doc.pengguna_portal,
		"berasal_dari_pengaduan": doc.name,
		"jenis_pemohon": "Perorangan",
		"informasi_diminta": doc.uraian,
	}
	# A rahasia reporter's identity is copied only by a reader who has just opened it with a reason
	# (the reveal log has the row); otherwise the officer fills in what the requester agreed to give.
	revealed = not doc.rahasia or pengungkapan.live_grant(doc.identitas_pelapor, ("form", "api"))
	if doc.identitas_pelapor and not doc.anonim and can_read_identity() and revealed:
		person = frappe.db.get_value(
			"Identitas Pelapor",
			doc.identitas_pelapor,
			["nama_lengkap", "jenis_identitas", "nomor_identitas", "alamat", "telepon", "email", "pekerjaan"],
			as_dict=True,
		)
		kerahasiaan.decrypt_row(person, "Identitas Pelapor")
		values.update(
			{
				"nama_pemohon": person.nama_lengkap,
				"jenis_identitas": person.jenis_identitas,
				"nomor_identitas": person.nomor_identitas,
				"alamat": person.alamat,
				"telepon": person.telepon,
				"email": person.email,
				"pekerjaan": person.pekerjaan,
			}
		)
	for field in (*jalur.REQUEST_NEEDS, "telepon", "email", "pekerjaan", "cara_mendapatkan_salinan"):
		if cstr(given.get(field)).strip():
			values[field] = cstr(given[field]).strip()
	return values


def _complaint_values(doc, given: dict) -> dict:
	values = {
		"tanggal_diterima": doc.tanggal_diterima,
		"kanal": jalur.COMPLAINT_CHANNEL_OF_REQUEST.get(doc.kanal, jalur.DEFAULT_CHANNEL),
		"pengguna_portal": doc.pengguna_portal,
		"berasal_dari_permohonan": doc.name,
		"uraian": doc.informasi_diminta,
		"perihal": "",
	}
	for field in ("perihal", "uraian", "kategori", "teradu", "lokasi_kasus"):
		if cstr(given.get(field)).strip():
			values[field] = cstr(given[field]).strip()
	values["rahasia"] = 1 if cstr(given.get("rahasia")) in ("1", "true", "True") else 0
	return values


# --- shared ------------------------------------------------------------------------------------------


def _data(data) -> dict:
	if isinstance(data, str):
		data = json.loads(data or "{}")
	return dict(data or {})


def _transition(doc, action: str, roles: set[str] | None = None):
	roles = roles if roles is not None else set(frappe.get_roles())
	for t in get_workflow(doc.doctype).transitions:
		if t.state == doc.workflow_state and t.action == action and t.allowed in roles:
			return t
	return None


def _check_transition(doc, action: str):
	"""Refuse, before anything is written, an action the user's roles may not take from the current state."""
	if _transition(doc, action):
		return
	allowed = sorted(
		{
			t.allowed
			for t in get_workflow(doc.doctype).transitions
			if t.state == doc.workflow_state and t.action == action
		}
	)
	if not allowed:
		frappe.throw(
			_("Aksi {0} tidak tersedia pada status {1}.").format(
				_(action), frappe.bold(_(doc.workflow_state))
			),
			title=_("Aksi Tidak Tersedia"),
		)
	_refuse_role(_(action).lower(), allowed, doc.workflow_state)


def _refuse_role(what: str, roles, state: str | None = None):
	where = _(" pada status {0}").format(_(state)) if state else ""
	frappe.throw(
		_("Hanya peran {0} yang dapat {1}{2}.").format(", ".join(roles), what, where),
		frappe.PermissionError,
		title=_("Tidak Berwenang"),
	)


def _refuse_gaps(gaps: list[str], target: str):
	frappe.throw(
		_("Untuk dicatat sebagai {0}, lengkapi: {1}.").format(target, ", ".join(_(g) for g in gaps)),
		title=_("Data Belum Lengkap"),
	)
