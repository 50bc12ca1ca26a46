"""/keberatan: an objection to an information request (UU 14/2008 Pasal 35-36).

Sends to kpu_dumas.api.portal_informasi.ajukan_keberatan with the request's number and tracking code.
"""

import frappe

from kpu_dumas import clock
from kpu_dumas.api.portal_informasi import portal_user_of
from kpu_dumas.core import portal_informasi as public
from kpu_dumas.www.pengaduan import in_indonesian

no_cache = 1


def get_context(context):
	in_indonesian(context)
	nomor = public.normalize_number(frappe.form_dict.get("nomor"))
	if public.doctype_for_number(nomor) != public.PERMOHONAN:
		nomor = ""
	user = frappe.session.user
	context.title = "Keberatan atas Permohonan Informasi"
	context.nomor = nomor
	# A logged-in requester's own request needs no code (from /pengaduan-saya or /lacak).
	context.milik_pengguna = bool(
		nomor and user != "Guest" and portal_user_of(public.PERMOHONAN, nomor) == user
	)
	context.alasan = [
		o for o in (frappe.get_meta(public.KEBERATAN).get_field("alasan").options or "").split("\n") if o
	]
	context.hari_ini = clock.office_today().isoformat()
	return context
