"""/lacak: follow a complaint with its number and tracking code; send missing items when asked."""

import frappe

from kpu_dumas.api.portal import portal_limits
from kpu_dumas.core import files

no_cache = 1


def get_context(context):
	max_mb, max_files = portal_limits()
	nomor = str(frappe.form_dict.get("nomor") or "").strip().upper()[:140]
	user = frappe.session.user
	context.title = "Lacak Pengaduan"
	context.nomor = nomor
	# A logged-in reporter's own complaint opens without the code (from /pengaduan-saya).
	context.milik_pengguna = bool(
		nomor and user != "Guest" and frappe.db.get_value("Pengaduan", nomor, "pengguna_portal") == user
	)
	context.max_mb = max_mb
	context.max_files = max_files
	context.jenis_berkas = files.allowed_labels()
	context.accept = files.ACCEPT
	return context
