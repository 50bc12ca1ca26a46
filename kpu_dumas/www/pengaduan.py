"""/pengaduan: the public complaint form. Sends to kpu_dumas.api.portal.ajukan_pengaduan."""

import frappe

from kpu_dumas import clock, pengaturan
from kpu_dumas.api.portal import portal_limits
from kpu_dumas.core import files

no_cache = 1


def get_context(context):
	in_indonesian(context)
	max_mb, max_files = portal_limits()
	context.title = "Sampaikan Pengaduan"
	context.kantor = _office_name()
	context.max_mb = max_mb
	context.max_files = max_files
	context.jenis_berkas = files.allowed_labels()
	context.accept = files.ACCEPT
	context.hari_ini = str(clock.office_today())
	context.batas_pengajuan_hari = pengaturan.get("batas_pengajuan_hari")
	context.jenis_identitas = [
		o
		for o in (frappe.get_meta("Identitas Pelapor").get_field("jenis_identitas").options or "").split("\n")
		if o
	]
	context.masuk = frappe.session.user != "Guest"
	context.nama_pengguna = frappe.utils.get_fullname() if context.masuk else ""
	context.email_pengguna = frappe.session.user if context.masuk and "@" in frappe.session.user else ""
	return context


def in_indonesian(context):
	"""A portal page is in Indonesian: its <html lang>, and Frappe's navbar and footer, say so too."""
	frappe.local.lang = "id"
	if context.boot:
		context.boot["lang"] = "id"


def _office_name() -> str:
	return pengaturan.get("nama_kantor") or pengaturan.get("nama_instansi") or ""
