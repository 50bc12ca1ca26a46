"""/lacak: follow a complaint, information request or objection with its number and tracking code; send
a complaint's missing items when asked."""

import frappe

from kpu_dumas.api.portal import portal_limits
from kpu_dumas.api.portal_informasi import portal_user_of
from kpu_dumas.core import files
from kpu_dumas.core import portal_informasi as informasi
from kpu_dumas.www.pengaduan import in_indonesian

no_cache = 1


def get_context(context):
	in_indonesian(context)
	max_mb, max_files = portal_limits()
	nomor = str(frappe.form_dict.get("nomor") or "").strip().upper()[:140]
	user = frappe.session.user
	context.title = "Lacak Pengaduan dan Permohonan Informasi"
	context.nomor = nomor
	# A logged-in reporter's own complaint or request opens without the code (from /pengaduan-saya).
	doctype = informasi.doctype_for_number(nomor)
	if not nomor or user == "Guest":
		owner = None
	elif doctype:
		owner = portal_user_of(doctype, informasi.normalize_number(nomor))
	else:
		owner = frappe.db.get_value("Pengaduan", nomor, "pengguna_portal")
	context.milik_pengguna = bool(owner and owner == user)
	context.max_mb = max_mb
	context.max_files = max_files
	context.jenis_berkas = files.allowed_labels()
	context.accept = files.ACCEPT
	return context
