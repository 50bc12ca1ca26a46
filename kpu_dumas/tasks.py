"""Scheduled jobs: the hourly sweep for stages past their due time."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from kpu_dumas import clock, lapor
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.deadlines import StageStatus
from kpu_dumas.kpu_dumas.doctype.disposisi.disposisi import sweep_overdue as sweep_dispositions

SWEPT_DOCTYPES = ("Pengaduan", "Permohonan Informasi", "Keberatan Informasi")


def sweep_overdue():
	"""Mark open stages past due as late and tell the roles (or assignees) responsible, once.

	A complaint left in Perlu Dilengkapi past its deadline is withdrawn (UU 25/2009 Ps 44(4)-(5)). A
	LAPOR! complaint without a follow-up posted by its deadline is marked late (kpu_dumas.lapor).
	"""
	now = clock.now()
	for doctype in SWEPT_DOCTYPES:
		rows = frappe.get_all(
			"Riwayat Tahap",
			filters={
				"parenttype": doctype,
				"keluar": ("is", "not set"),
				"batas_waktu": ("<", now),
				"docstatus": 0,
			},
			fields=["name", "parent", "tahap", "peran", "batas_waktu", "terlambat_diberitahukan"],
		)
		for row in rows:
			if doctype == "Pengaduan" and row.tahap in rules.PAUSE_STATES:
				withdraw_incomplete(row.parent)
				continue
			frappe.db.set_value(
				"Riwayat Tahap", row.name, "status", StageStatus.LATE.value, update_modified=False
			)
			# A form opened before this mark must reload before saving (Frappe's modified check),
			# instead of sending the old status back and being refused by the history guard.
			frappe.db.set_value(doctype, row.parent, "modified", now, update_modified=False)
			if not row.terlambat_diberitahukan:
				notify_late(doctype, row)
				frappe.db.set_value(
					"Riwayat Tahap", row.name, "terlambat_diberitahukan", 1, update_modified=False
				)
	lapor.sweep_late(now)  # SP4N-LAPOR! follow-ups past their 5 working days
	sweep_dispositions(now)


def withdraw_incomplete(name: str):
	doc = frappe.get_doc("Pengaduan", name)
	doc.alasan_pencabutan = _(
		"Dianggap dicabut: pelapor tidak melengkapi berkas sampai batas waktu (UU 25/2009 Pasal 44 ayat 4-5)."
	)
	doc.flags.ignore_permissions = True
	doc.save()
	apply_workflow(doc, "Cabut")


def notify_late(doctype: str, row):
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	users = assignees(doctype, row.parent) or users_with_roles(
		[r.strip() for r in (row.peran or "").split(",")]
	)
	if not users:
		return
	subject = _("Tahap {0} pada {1} {2} melewati batas waktu ({3}).").format(
		row.tahap, _(doctype), row.parent, clock.format_office(row.batas_waktu)
	)
	make_notification_logs(
		{
			"type": "Alert",
			"document_type": doctype,
			"document_name": row.parent,
			"subject": subject,
			"from_user": "Administrator",
		},
		users,
	)


def assignees(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": name, "status": "Open"},
		pluck="allocated_to",
	)


def users_with_roles(roles: list[str]) -> list[str]:
	roles = [r for r in roles if r]
	if not roles:
		return []
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where(has_role.parenttype == "User")
		.where(has_role.role.isin(roles))
		.where(user.enabled == 1)
		.where(user.name.notin(["Administrator", "Guest"]))
		.run(pluck=True)
	)
