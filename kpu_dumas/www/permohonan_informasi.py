"""/permohonan-informasi: the public information-request form (Perki 1/2021).

Sends to kpu_dumas.api.portal_informasi.ajukan_permohonan.
"""

import frappe

from kpu_dumas.api.portal import portal_limits
from kpu_dumas.core import files
from kpu_dumas.kpu_dumas.doctype.jenis_informasi.jenis_informasi import active_kinds
from kpu_dumas.www.pengaduan import _office_name, in_indonesian

no_cache = 1
DOCTYPE = "Permohonan Informasi"


def get_context(context):
	in_indonesian(context)
	max_mb, _max_files = portal_limits()
	meta = frappe.get_meta(DOCTYPE)
	context.title = "Permohonan Informasi Publik"
	context.kantor = _office_name()
	context.max_mb = max_mb
	context.jenis_berkas = files.allowed_labels()
	context.accept = files.ACCEPT
	context.jenis_pemohon = _options(meta, "jenis_pemohon")
	context.jenis_identitas = _options(meta, "jenis_identitas")
	context.cara_memperoleh = _options(meta, "cara_memperoleh")
	context.cara_default = meta.get_field("cara_memperoleh").default
	context.cara_salinan = _options(meta, "cara_mendapatkan_salinan")
	context.ada_informasi_pemilu = meta.has_field("informasi_pemilu")
	context.jenis_informasi = active_kinds()
	context.masuk = frappe.session.user != "Guest"
	context.nama_pengguna = frappe.utils.get_fullname() if context.masuk else ""
	context.email_pengguna = frappe.session.user if context.masuk and "@" in frappe.session.user else ""
	return context


def _options(meta, fieldname: str) -> list[str]:
	return [o for o in (meta.get_field(fieldname).options or "").split("\n") if o]
