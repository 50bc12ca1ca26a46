"""Retention of reporters' identities (UU 27/2022 Pasal 43: kept no longer than its purpose needs).

Every day (hooks.scheduler_events) the identity of each complaint closed more than Pengaturan Kantor's
`masa_retensi_tahun` years ago (default 5; 0 = never) is erased: the Identitas Pelapor's name becomes
core.kerahasiaan.ERASED ("Dihapus (retensi)"), its other personal fields and blind indexes are emptied,
its scan and power-of-attorney files are deleted, and the complaint's own traces of the reporter (the
address it came from, the portal account, the addresses of its emails) are cleared. The case, its
counts, its letters' numbers and the registers stay; registers and letters show the reporter as
"Dihapus (retensi)". "Closed": core.retensi.

The erase writes the columns directly: no Version row (which would keep the old values), no hooks, no
change of `modified`. Each run, also one that erases nothing, writes a Log Retensi Identitas.
"""

from __future__ import annotations

import os

import frappe
from frappe.query_builder.functions import IfNull
from frappe.utils import get_datetime, getdate

from kpu_dumas import clock
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import kerahasiaan as core
from kpu_dumas.core.retensi import closed_on, merged_closed_on
from kpu_dumas.kerahasiaan import ENCRYPTED, INDEXED

DOCTYPE = "Pengaduan"
IDENTITY = "Identitas Pelapor"
LOG = "Log Retensi Identitas"
SETTINGS = "Pengaturan Kantor"
SETTING = "masa_retensi_tahun"
# Files of the identity (Attach fields): the scan of the ID card and the power of attorney.
IDENTITY_FILES = ("scan_identitas", "surat_kuasa")
# The complaint's own fields that hold who sent it.
COMPLAINT_FIELDS = ("email_pengirim", "pengguna_portal")
NAME_FIELD = "nama_lengkap"


def retention_years() -> int:
	"""The setting; a site that never saved it has the default."""
	singles = frappe.qb.Table("tabSingles")
	rows = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where(singles.doctype == SETTINGS)
		.where(singles.field == SETTING)
		.run()
	)
	value = rows[0][0] if rows else None
	if value in (None, ""):
		return core.DEFAULT_RETENTION_YEARS
	return max(int(float(value)), 0)


def run_daily():
	"""scheduler_events daily."""
	erase_expired()
	frappe.db.commit()


def erase_expired(today=None) -> str:
	"""Erase the identities past retention as of the office day `today`; returns the log's name."""
	today = getdate(today) if today else clock.office_today()
	years = retention_years()
	cutoff = core.retention_cutoff(today, years) if years > 0 else None
	names = due_for_erasure(today, years) if years > 0 else []
	for name in names:
		erase(name)
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"waktu": clock.now(),
			"masa_retensi_tahun": years,
			"batas_tanggal_selesai": cutoff,
			"jumlah": len(names),
			"daftar_pengaduan": "\n".join(names),
		}
	)
	log.flags.from_retention_job = True
	log.insert(ignore_permissions=True)
	return log.name


# --- which complaints ---------------------------------------------------------------------------------


def _closing_rows(where):
	"""(name, state, main case, day entered current state, register days) of the complaints `where`
	selects, one query: the open stage-history row of the current state by the parent index."""
	p = frappe.qb.DocType(DOCTYPE)
	rt = frappe.qb.DocType("Riwayat Tahap")
	ip = frappe.qb.DocType(IDENTITY)
	query = (
		frappe.qb.from_(p)
		.left_join(rt)
		.on(
			(rt.parent == p.name)
			& (rt.parenttype == DOCTYPE)
			& (rt.parentfield == "riwayat_tahap")
			& (rt.tahap == p.workflow_state)
			& rt.keluar.isnull()
		)
		.left_join(ip)
		.on(ip.name == p.identitas_pelapor)
		.select(
			p.name,
			p.workflow_state,
			p.digabung_ke,
			rt.masuk,
			p.tanggal_disampaikan,
			p.tanggal_tanggapan,
			p.tanggal_penerusan,
			p.tanggal_diterima,
			p.identitas_pelapor,
		)
		.where(p.workflow_state.isin(list(rules.FINAL_STATES)))
	)
	return where(query, p, ip).run(as_dict=True)


def _office_day(value):
	return clock.to_office(get_datetime(value), clock.get_calendar()).date() if value else None


def _closed(row):
	recorded = (
		getdate(row.tanggal_disampaikan) if row.tanggal_disampaikan else None,
		getdate(row.tanggal_tanggapan) if row.tanggal_tanggapan else None,
		getdate(row.tanggal_penerusan) if row.tanggal_penerusan else None,
		_office_day(row.tanggal_diterima),
	)
	return closed_on(row.workflow_state, _office_day(row.masuk), recorded)


def due_for_erasure(today, years: int) -> list[str]:
	"""Closed complaints past retention whose reporter's identity is not erased yet. An identity shared
	by several complaints is erased only when all of them are past retention."""

	def not_erased(query, p, ip):
		still_there = (ip.name.notnull() & (IfNull(ip[NAME_FIELD], "") != core.ERASED)) | (
			(IfNull(p.email_pengirim, "") != "") | (IfNull(p.pengguna_portal, "") != "")
		)
		return query.where(still_there)

	rows = _closing_rows(not_erased)
	closed = {row.name: _closed(row) for row in rows}
	mains = {row.digabung_ke for row in rows if row.workflow_state == rules.DIGABUNGKAN and row.digabung_ke}
	missing = sorted(mains - closed.keys())
	if missing:
		for row in _closing_rows(lambda q, p, ip: q.where(p.name.isin(missing))):
			closed[row.name] = _closed(row)
	due = set()
	for row in rows:
		day = closed[row.name]
		if row.workflow_state == rules.DIGABUNGKAN:
			day = merged_closed_on(day, closed.get(row.digabung_ke))
		if core.past_retention(day, today, years):
			due.add(row.name)
	return sorted(due - _sharing_open_cases(rows, due))


def _sharing_open_cases(rows, due: set[str]) -> set[str]:
	"""Complaints in `due` whose Identitas Pelapor is also the reporter of a complaint not in `due`."""
	identities = {row.identitas_pelapor for row in rows if row.name in due and row.identitas_pelapor}
	if not identities:
		return set()
	held = frappe.get_all(
		DOCTYPE,
		filters={"identitas_pelapor": ("in", sorted(identities))},
		fields=["name", "identitas_pelapor"],
	)
	kept = {r.identitas_pelapor for r in held if r.name not in due}
	return {row.name for row in rows if row.identitas_pelapor in kept}


# --- the erase ------------------------------------------------------------------------------------------


def erase(name: str) -> None:
	"""Erase the reporter's identity of complaint `name` (see the module's docstring)."""
	identitas = frappe.db.get_value(DOCTYPE, name, "identitas_pelapor")
	if identitas and frappe.db.exists(IDENTITY, identitas):
		erase_identity(identitas)
	p = frappe.qb.DocType(DOCTYPE)
	query = frappe.qb.update(p).where(p.name == name)
	for fieldname in COMPLAINT_FIELDS:
		query = query.set(p[fieldname], None)
	query.run()
	_erase_email_addresses(DOCTYPE, name)
	frappe.clear_document_cache(DOCTYPE, name)


def erase_identity(identitas: str) -> None:
	files = frappe.db.get_value(IDENTITY, identitas, list(IDENTITY_FILES), as_dict=True) or {}
	ip = frappe.qb.DocType(IDENTITY)
	query = frappe.qb.update(ip).where(ip.name == identitas)
	for fieldname in ENCRYPTED[IDENTITY]:
		query = query.set(ip[fieldname], core.ERASED if fieldname == NAME_FIELD else None)
	for fieldname in (*INDEXED[IDENTITY].values(), *IDENTITY_FILES):
		query = query.set(ip[fieldname], None)
	query.run()
	_delete_files(identitas, [url for url in files.values() if url])
	_erase_email_addresses(IDENTITY, identitas)
	frappe.clear_document_cache(IDENTITY, identitas)


def _delete_files(identitas: str, urls: list[str]) -> None:
	"""The identity's files, rows and content. Deleted directly, not by frappe.delete_doc, which would
	write "Removed <file name>" on the timeline and a Deleted Document copy, both naming the file."""
	f = frappe.qb.DocType("File")
	criteria = (f.attached_to_doctype == IDENTITY) & (f.attached_to_name == identitas)
	if urls:
		criteria |= f.file_url.isin(urls)
	rows = (
		frappe.qb.from_(f)
		.select(f.name, f.file_url)
		.where(criteria)
		.where(f.is_folder == 0)
		.run(as_dict=True)
	)
	paths = {}
	for row in rows:
		try:
			paths[row.file_url] = frappe.get_doc("File", row.name).get_full_path()
		except Exception:
			frappe.clear_messages()
	if rows:
		frappe.qb.from_(f).delete().where(f.name.isin([r.name for r in rows])).run()
	for url, path in paths.items():
		# the same content may still be attached elsewhere (an evidence copy): then it stays on disk
		if url and not frappe.db.exists("File", {"file_url": url}) and os.path.isfile(path):
			os.remove(path)
	comment = frappe.qb.DocType("Comment")
	(
		frappe.qb.from_(comment)
		.delete()
		.where(comment.reference_doctype == IDENTITY)
		.where(comment.reference_name == identitas)
		.where(comment.comment_type.isin(["Attachment", "Attachment Removed"]))
		.run()
	)


def _erase_email_addresses(doctype: str, name: str) -> None:
	"""The addresses of the emails on the record's thread (the content stays: it is the complaint)."""
	c = frappe.qb.DocType("Communication")
	thread = (c.reference_doctype == doctype) & (c.reference_name == name)
	(
		frappe.qb.update(c)
		.set(c.sender, None)
		.set(c.sender_full_name, core.ERASED)
		.where(thread)
		.where(c.sent_or_received == "Received")
		.run()
	)
	(
		frappe.qb.update(c)
		.set(c.recipients, None)
		.set(c.cc, None)
		.set(c.bcc, None)
		.where(thread)
		.where(c.sent_or_received == "Sent")
		.run()
	)
