"""/pengaduan-saya: the complaints and information requests a logged-in website user filed through the
portal."""

import frappe

from kpu_dumas import clock
from kpu_dumas.core import portal_informasi as informasi
from kpu_dumas.core.portal import public_state
from kpu_dumas.www.pengaduan import in_indonesian

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/pengaduan-saya"
		raise frappe.Redirect(302)  # not 301: a browser must not remember it after login
	in_indonesian(context)
	rows = frappe.get_all(
		"Pengaduan",
		filters={"pengguna_portal": frappe.session.user},
		fields=["name", "perihal", "workflow_state", "tanggal_diterima"],
		order_by="tanggal_diterima desc",
		limit_page_length=200,
	)
	context.title = "Pengaduan Saya"
	context.pengaduan = [
		{
			"nomor": row.name,
			"perihal": row.perihal,
			"status": public_state(row.workflow_state)[0],
			"tahap": row.workflow_state,
			"diterima": clock.format_office(row.tanggal_diterima),
		}
		for row in rows
	]
	requests = frappe.get_all(
		informasi.PERMOHONAN,
		filters={"pengguna_portal": frappe.session.user},
		fields=["name", "informasi_diminta", "workflow_state", "tanggal_diterima"],
		order_by="tanggal_diterima desc",
		limit_page_length=200,
	)
	context.permohonan = [
		{
			"nomor": row.name,
			"informasi": _shorten(row.informasi_diminta),
			"status": informasi.public_state(informasi.PERMOHONAN, row.workflow_state)[0],
			"selesai": row.workflow_state in informasi.DECIDED_REQUEST_STATES,
			"diterima": clock.format_office(row.tanggal_diterima),
		}
		for row in requests
	]
	return context


def _shorten(text: str | None, length: int = 120) -> str:
	text = " ".join((text or "").split())
	return text if len(text) <= length else text[: length - 1].rstrip() + "…"
