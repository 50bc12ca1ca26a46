"""Number card methods for the Pengaduan Masyarakat and Layanan Informasi Publik workspaces."""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Count, IfNull

from kpu_dumas import clock
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import information_rules as info_rules
from kpu_dumas.reports import common


@frappe.whitelist()
def count_overdue(filters=None) -> dict:
	"""Open complaints with a stage of the office past its due time (the reporter's pause not counted).

	Counted live from the stage history, so it is right between two runs of the hourly sweep.
	"""
	if not frappe.has_permission(common.DOCTYPE, "read"):
		frappe.throw(frappe._("Anda tidak berwenang melihat pengaduan."), frappe.PermissionError)
	p = frappe.qb.DocType(common.DOCTYPE)
	rt = frappe.qb.DocType("Riwayat Tahap")
	value = (
		frappe.qb.from_(rt)
		.join(p)
		.on(p.name == rt.parent)
		.select(Count(rt.parent).distinct())
		.where(rt.parenttype == common.DOCTYPE)
		.where(rt.keluar.isnull())
		# an open stage is late exactly when its due time has passed (range on the batas_waktu index)
		.where(rt.batas_waktu < clock.now())
		.where(rt.tahap.notin(list(rules.PAUSE_STATES)))
		.where(p.docstatus == 0)
		.run()[0][0]
	)
	return {"value": value or 0, "fieldtype": "Int"}


# A request not yet answered by a written notice.
OPEN_REQUEST_STATES = (
	info_rules.DIAJUKAN,
	info_rules.TERDAFTAR,
	info_rules.DIPROSES,
	info_rules.DIPERPANJANG,
)


@frappe.whitelist()
def count_overdue_requests(filters=None) -> dict:
	"""Information requests still without a written notice past the deadline in force (10 working days,
	or the extended one; UU 14/2008 Pasal 22 ayat 7-8)."""
	doctype = "Permohonan Informasi"
	if not frappe.has_permission(doctype, "read"):
		frappe.throw(frappe._("Anda tidak berwenang melihat permohonan informasi."), frappe.PermissionError)
	p = frappe.qb.DocType(doctype)
	value = (
		frappe.qb.from_(p)
		.select(Count("*"))
		.where(p.docstatus == 0)
		.where(p.workflow_state.isin(list(OPEN_REQUEST_STATES)))
		.where(IfNull(p.batas_perpanjangan, p.batas_pemberitahuan) < clock.now())
		.run()[0][0]
	)
	return {"value": value or 0, "fieldtype": "Int"}
