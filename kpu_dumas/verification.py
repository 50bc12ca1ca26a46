"""Verifiable letters: a Surat Terbit record for every numbered letter, and what /verifikasi-surat shows.

`sync(doc)` runs after every save of a register that issues letters (hooks.py doc_events) and after a
Koreksi Data: for each of the document's numbered letters it compares the number and date the document
now gives the letter with the record in force. A first number gets a record; a re-issued number (the
Surat Permintaan Kelengkapan each time it is asked for again) or a corrected number or date gets a new
record, and the one in force becomes Diganti with the new number. Nothing else (a signatory or a text
edited afterwards) touches a record: it keeps the letter as issued.

The record's canonical content and fingerprint come from kpu_dumas/core/verification.py; the facts are
read the way the letters read them (letters.py, letters_informasi.py, the Lembar Disposisi), without
anything personal. The public page shows a record's kind, number, date, signatory, status and
fingerprint, never its source document, the addressee or the body.
"""

from __future__ import annotations

import frappe
from frappe.utils import getdate, now_datetime
from markupsafe import Markup

from kpu_dumas import clock, letters, letters_informasi
from kpu_dumas.core import verification as rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.kpu_dumas.doctype.instansi_berwenang.instansi_berwenang import contact_of
from kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit import DOCTYPE
from kpu_dumas.record import trusted

SETTINGS = "Pengaturan Kantor"
DISPOSISI_DRAFT = "Draft"
# Requests per client address and minute on /verifikasi-surat (a desk checking a pile of letters fits).
RATE_LIMIT, RATE_WINDOW = 20, 60


# --- the records -----------------------------------------------------------------------------------------


def sync(doc, method=None):
	"""Record the document's numbered letters that are new, re-issued or corrected (doc_events hook)."""
	if doc.get("diimpor") or doc.flags.get("kpu_import"):
		return  # a past register's letters were issued on paper, without a code
	if doc.doctype == rules.DISPOSISI and doc.get("workflow_state") in (None, "", DISPOSISI_DRAFT):
		return  # a disposition is issued when it is sent
	for surat in rules.letters_of(doc.doctype):
		nomor = letter_number(doc, surat)
		if not nomor:
			continue
		tanggal = letter_date(doc, surat)
		current = frappe.db.get_value(
			DOCTYPE,
			{"dokumen_type": doc.doctype, "dokumen": doc.name, "surat": surat, "status": rules.BERLAKU},
			["name", "nomor_surat", "tanggal_surat"],
			as_dict=True,
		)
		if not rules.needs_new_record(current, nomor, tanggal):
			continue
		record = create_record(doc, surat, nomor, tanggal)
		if current:
			replace(current.name, record)


def create_record(doc, surat: str, nomor: str, tanggal):
	kind = rules.kind_of(doc.doctype, surat)
	facts = letter_facts(doc, surat, nomor, tanggal)
	content = rules.serialize(rules.canonical_lines(kind, facts))
	record = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"kode": unused_code(),
			"jenis_surat": kind.label,
			"surat": surat,
			"nomor_surat": nomor,
			"tanggal_surat": tanggal,
			"instansi": facts["instansi"],
			"status": rules.BERLAKU,
			"nama_penandatangan": facts["penandatangan"],
			"jabatan_penandatangan": facts["jabatan"],
			"nip_penandatangan": facts["nip"],
			"sidik_jari": rules.fingerprint(content),
			"isi_kanonik": content,
			"dokumen_type": doc.doctype,
			"dokumen": doc.name,
			"diterbitkan_pada": now_datetime(),
		}
	)
	return trusted(record).insert(ignore_permissions=True)


def replace(name: str, by):
	old = frappe.get_doc(DOCTYPE, name)
	old.update(
		{
			"status": rules.DIGANTI,
			"diganti_oleh": by.name,
			"nomor_pengganti": by.nomor_surat,
			"diganti_pada": now_datetime(),
		}
	)
	trusted(old).save(ignore_permissions=True)


def unused_code() -> str:
	while True:  # 80 bits: a second round is as likely as guessing a code
		code = rules.new_code()
		if not frappe.db.exists(DOCTYPE, code):
			return code


def record_existing(doctypes=None) -> int:
	"""Records for letters numbered before this feature (the patch); idempotent. Returns how many."""
	before = frappe.db.count(DOCTYPE)
	for doctype in doctypes or sorted({dt for dt, _surat in rules.KINDS}):
		fields = [letter_number_field(doctype, surat) for surat in rules.letters_of(doctype)]
		numbered = [{field: ("is", "set")} for field in fields]
		for name in frappe.get_all(doctype, or_filters=numbered, pluck="name", order_by="creation asc"):
			sync(frappe.get_doc(doctype, name))
	return frappe.db.count(DOCTYPE) - before


# --- what makes a letter ---------------------------------------------------------------------------------


def letter_number_field(doctype: str, surat: str) -> str:
	if doctype == rules.PENGADUAN:
		return letters.SURAT[surat].number_field
	if doctype == rules.DISPOSISI:
		return "name"  # the Lembar Disposisi carries the nomor agenda
	return letters_informasi.SURAT[doctype][surat].number_field


def letter_number(doc, surat: str) -> str | None:
	return doc.get(letter_number_field(doc.doctype, surat)) or None


def letter_date(doc, surat: str):
	"""The date the letter carries, as its print format computes it."""
	if doc.doctype == rules.PENGADUAN:
		return letters._letter_date(doc, letters.SURAT[surat])
	if doc.doctype == rules.DISPOSISI:
		return getdate(doc.tanggal) if doc.tanggal else clock.office_today()
	return letters_informasi._letter_date(doc, letters_informasi.SURAT[doc.doctype][surat])


def letter_facts(doc, surat: str, nomor: str, tanggal) -> dict:
	"""The facts the canonical content of this letter reads (core.verification.KINDS), as plain text."""
	settings = frappe.get_cached_doc(SETTINGS)
	facts = {
		"nomor": nomor,
		"tanggal": tanggal,
		"instansi": settings.nama_kantor or settings.nama_instansi or "",
		"nomor_registrasi": doc.name,
		**_signer(doc, surat, settings),
	}
	if doc.doctype == rules.PENGADUAN:
		facts.update(
			perihal=doc.perihal,
			tanggal_diterima=letters.office_time(doc.tanggal_diterima),
			kanal=doc.kanal,
			kekurangan=doc.kekurangan,
			batas_kelengkapan=letters.office_time(doc.batas_kelengkapan),
			sifat="Rahasia" if doc.rahasia else "Biasa",
			tanggapan=plain(doc.tanggapan),
			catatan_penerusan=doc.get("catatan_penerusan"),
		)
		if surat == "penerusan":
			body = contact_of(doc.diteruskan_ke)
			facts["instansi_tujuan"] = body.nama_lengkap or body.nama_instansi
	elif doc.doctype == rules.PERMOHONAN:
		facts.update(
			tanggal_diterima=letters.office_time(doc.tanggal_diterima),
			informasi_diminta=doc.informasi_diminta,
			alasan_perpanjangan=doc.alasan_perpanjangan,
			batas_perpanjangan=letters.office_time(doc.batas_perpanjangan),
			keputusan=doc.keputusan,
			informasi_diberikan=doc.informasi_diberikan,
			pasal_pengecualian=doc.pasal_pengecualian,
			biaya=doc.biaya,
			nomor_pemberitahuan=doc.nomor_pemberitahuan,
		)
	elif doc.doctype == rules.KEBERATAN:
		facts.update(
			nomor_permohonan=doc.permohonan, keputusan=doc.keputusan_atasan, tanggapan=plain(doc.tanggapan)
		)
	elif doc.doctype == rules.DISPOSISI:
		facts.update(sifat=doc.sifat, perihal=doc.perihal, batas_waktu=letters.office_time(doc.batas_waktu))
	return facts


def _signer(doc, surat: str, settings) -> dict:
	"""Name, position and NIP of who signs the letter, as its print format shows them."""
	if doc.doctype == rules.DISPOSISI:
		return {"penandatangan": doc.nama_pemberi or doc.dari, "jabatan": doc.jabatan_pemberi, "nip": ""}
	if doc.doctype == rules.PENGADUAN:
		row = letters.signatory(settings, letters.SURAT[surat].signers)
	else:
		row = letters_informasi._signer(doc, settings, letters_informasi.SURAT[doc.doctype][surat])
	return {"penandatangan": plain(row.nama), "jabatan": plain(row.jabatan), "nip": plain(row.nip)}


def plain(value) -> str:
	"""Text as a reader sees it: markup removed and entities read (the letters hold escaped Markup)."""
	return Markup(str(value or "")).striptags()


# --- the public page --------------------------------------------------------------------------------------


def public_view(kode) -> frappe._dict | None:
	"""What /verifikasi-surat shows for a code, or None for any code that is not a letter's (unknown,
	altered, malformed: the caller answers them all alike)."""
	kode = rules.normalize_code(kode)
	if not kode:
		return None
	fields = [
		"kode",
		"jenis_surat",
		"nomor_surat",
		"tanggal_surat",
		"instansi",
		"nama_penandatangan",
		"jabatan_penandatangan",
		"status",
		"diganti_oleh",
		"nomor_pengganti",
		"sidik_jari",
	]
	row = frappe.db.get_value(DOCTYPE, kode, fields, as_dict=True)
	if not row:
		return None
	view = frappe._dict(
		kode=row.kode,
		jenis=row.jenis_surat,
		nomor=row.nomor_surat,
		tanggal=format_date(row.tanggal_surat),
		instansi=row.instansi,
		penandatangan=row.nama_penandatangan or "",
		jabatan=row.jabatan_penandatangan or "",
		status=row.status,
		berlaku=row.status == rules.BERLAKU,
		sidik_jari=row.sidik_jari,
		sidik_jari_kelompok=rules.grouped_fingerprint(row.sidik_jari),
		pengganti=None,
	)
	if not view.berlaku and row.diganti_oleh:
		tanggal = frappe.db.get_value(DOCTYPE, row.diganti_oleh, "tanggal_surat")
		view.pengganti = frappe._dict(nomor=row.nomor_pengganti, tanggal=format_date(tanggal))
	return view


def over_rate_limit() -> bool:
	"""Counts this client's requests to the page; True past RATE_LIMIT within RATE_WINDOW seconds.

	Frappe's `rate_limit` decorator keys its counter by the API method (`cmd`), which a page request does
	not have; the page keeps the same kind of counter under its own key.
	"""
	key = frappe.cache.make_key(f"kpu_dumas:verifikasi-surat:{frappe.local.request_ip or '-'}")
	if not frappe.cache.get(key):
		frappe.cache.setex(key, RATE_WINDOW, 0)
	return frappe.cache.incrby(key, 1) > RATE_LIMIT
