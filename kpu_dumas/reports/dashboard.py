"""Number card methods for the Pengaduan Masyarakat and Layanan Informasi Publik workspaces."""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Count, IfNull

from kpu_dumas import clock
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import information_rules as info_rules
from kpu_dumas.core import lapor as lapor_rules
from kpu_dumas.reports import common


@frappe.whitelist()
def count_overdue(filters=None) -> dict:
	"""Open complaints with a stage of the office past its due time (the reporter's pause not counted),
	or from SP4N-LAPOR! with no follow-up posted by its deadline; each complaint counted once.

	Counted live from the stage history and the LAPOR! deadline, so it is right between two runs of the
	hourly sweep.
	"""
	if not frappe.has_permission(common.DOCTYPE, "read"):
		frappe.throw(frappe._("Anda tidak berwenang melihat pengaduan."), frappe.PermissionError)
	now = clock.now()
	p = frappe.qb.DocType(common.DOCTYPE)
	rt = frappe.qb.DocType("Riwayat Tahap")
	late_stage = (
		frappe.qb.from_(rt)
		.join(p)
		.on(p.name == rt.parent)
		.where(rt.parenttype == common.DOCTYPE)
		.where(rt.keluar.isnull())
		# an open stage is late exactly when its due time has passed (range on the batas_waktu index)
		.where(rt.batas_waktu < now)
		.where(rt.tahap.notin(list(rules.PAUSE_STATES)))
		.where(p.docstatus == 0)
		.where(common.need_to_know(p))  # a Tim member counts only the complaints they are on
	)
	value = late_stage.select(Count(rt.parent).distinct()).run()[0][0]
	late_lapor = (
		frappe.qb.from_(p)
		.select(Count("*"))
		.where(p.docstatus == 0)
		.where(p.kanal == lapor_rules.CHANNEL)
		.where(p.tindak_lanjut_lapor_pada.isnull())
		.where(p.batas_tindak_lanjut_lapor < now)
		.where(p.name.notin(late_stage.select(rt.parent).distinct()))
		.where(common.need_to_know(p))
		.run()[0][0]
	)
	return {"value": (value or 0) + (late_lapor or 0), "fieldtype": "Int"}


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
		.where(p.workflow_state.notin(list(info_rules.NOTICE_GIVEN_STATES)))  # also a preset's own steps
		.where(IfNull(p.batas_perpanjangan, p.batas_pemberitahuan) < clock.now())
		.run()[0][0]
	)
	return {"value": value or 0, "fieldtype": "Int"}
