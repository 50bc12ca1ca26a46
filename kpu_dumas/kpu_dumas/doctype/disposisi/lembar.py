"""What the Lembar Disposisi print format shows: the office, the letter routed, urgency and instruction
boxes, the recipients, the direction and the giver's signature. The template prints these values as
they are (escaping free text) and holds no rules of its own."""

from __future__ import annotations

import frappe
from markupsafe import Markup, escape

from kpu_dumas import clock
from kpu_dumas.core.dates import format_date
from kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit import printed_code

SETTINGS = "Pengaturan Kantor"
CHECKED, UNCHECKED = "\u2612", "\u2610"  # ☒ ☐


def sheet(doc) -> frappe._dict:
	settings = frappe.get_cached_doc(SETTINGS)
	chosen = [row.instruksi for row in doc.instruksi]
	listed = frappe.get_all("Instruksi Disposisi", order_by="urutan asc, instruksi asc", pluck="name")
	urgencies = frappe.get_all("Sifat Disposisi", order_by="urutan asc, sifat asc", pluck="name")
	if doc.sifat and doc.sifat not in urgencies:
		urgencies.append(doc.sifat)
	source = ""
	if doc.dokumen_sumber_type and doc.dokumen_sumber:
		source = f"{frappe._(doc.dokumen_sumber_type)} {doc.dokumen_sumber}"
	return frappe._dict(
		kop=Markup(letter_head(settings, doc)),
		instansi=settings.nama_instansi or "",
		kantor=settings.nama_kantor or "",
		alamat=settings.alamat or "",
		kota=settings.kota or "",
		nomor_agenda=doc.name,
		tanggal=format_date(doc.tanggal),
		asal_surat=doc.asal_surat or "",
		nomor_surat=doc.nomor_surat_asal or "",
		tanggal_surat=format_date(doc.tanggal_surat_asal),
		tanggal_diterima=format_date(doc.tanggal_diterima_surat),
		dokumen_sumber=source,
		perihal=doc.perihal or "",
		sifat=[box(name, name == doc.sifat) for name in urgencies],
		instruksi=[box(name, name in chosen) for name in listed]
		+ [box(name, True) for name in chosen if name not in listed],
		arahan=doc.arahan or "",
		penerima=[
			frappe._dict(nama=row.nama_penerima or row.penerima, jabatan=row.jabatan or "")
			for row in doc.penerima
		],
		batas_waktu=(clock.format_office(doc.batas_waktu) if doc.batas_waktu else ""),
		lisan=(clock.format_office(doc.waktu_lisan) if doc.lisan and doc.waktu_lisan else ""),
		induk=doc.disposisi_induk or "",
		tempat_tanggal=", ".join(part for part in (settings.kota, format_date(doc.tanggal)) if part),
		pemberi=frappe._dict(nama=doc.nama_pemberi or doc.dari or "", jabatan=doc.jabatan_pemberi or ""),
		verifikasi=printed_code(doc, "lembar", doc.name),  # once sent (Surat Terbit)
	)


def box(label: str, ticked: bool) -> frappe._dict:
	return frappe._dict(label=label, tanda=CHECKED if ticked else UNCHECKED, dipilih=ticked)


def letter_head(settings, doc) -> str:
	"""The Letter Head chosen as Kop Surat in Pengaturan Kantor (HTML or image); empty when none is set."""
	if not settings.get("kop_surat"):
		return ""
	head = frappe.db.get_value(
		"Letter Head",
		settings.kop_surat,
		["source", "content", "image", "image_height", "align"],
		as_dict=True,
	)
	if not head:
		return ""
	if head.source == "Image" and head.image:
		height = f"height: {head.image_height}px;" if head.image_height else "max-height: 30mm;"
		return f'<div style="text-align: {head.align or "center"};"><img src="{escape(head.image)}" style="{height}"></div>'
	if head.content:
		return frappe.render_template(head.content, {"doc": doc.as_dict()})
	return ""
