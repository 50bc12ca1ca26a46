"""/pengaduan-saya: the complaints a logged-in website user filed through the portal."""

import frappe

from kpu_dumas import clock
from kpu_dumas.core.portal import public_state

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/pengaduan-saya"
		raise frappe.Redirect(302)  # not 301: a browser must not remember it after login
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
	return context
