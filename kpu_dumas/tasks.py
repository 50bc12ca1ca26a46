"""Scheduled jobs: the hourly sweep for stages past their due time."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from kpu_dumas import clock, lapor, stages
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.deadlines import StageStatus
from kpu_dumas.kpu_dumas.doctype.disposisi.disposisi import sweep_overdue as sweep_dispositions
from kpu_dumas.pengaduan_permissions import members_only

SWEPT_DOCTYPES = ("Pengaduan", "Permohonan Informasi", "Keberatan Informasi")
# More newly late stages than this for one person in one sweep (a first run after an outage, or after a
# holiday was added) come to them as one notification listing the stages, instead of one each.
DIGEST_ABOVE = 10
DIGEST_LISTED = 50  # stages named in a digest's text; the rest are counted
CHUNK = 1000  # names per UPDATE ... WHERE name IN (...)
# Withdrawals are documents saved one by one. Committed in groups: what is done stays done if the job
# stops, and Frappe's list of realtime updates to send at commit (searched on every save) stays short.
WITHDRAWALS_PER_COMMIT = 20


def _commit():
	if not frappe.flags.in_test:
		frappe.db.commit()  # a scheduled job commits its own units of work


def sweep_overdue():
	"""Mark open stages past due as late and tell the roles (or assignees) responsible, once.

	Only the stages that newly became late are read (status still Berjalan, due time passed: a range on
	Riwayat Tahap's stage_due_index) and they are marked in bulk, so an hour with nothing new costs a few
	index lookups whatever the number of cases. A complaint left in Perlu Dilengkapi past its deadline
	is withdrawn (UU 25/2009 Ps 44(4)-(5)). A LAPOR! complaint without a follow-up posted by its deadline
	is marked late (kpu_dumas.lapor).
	"""
	now = clock.now()
	for doctype in SWEPT_DOCTYPES:
		rows = newly_late(doctype, now)
		incomplete = [r for r in rows if doctype == "Pengaduan" and r.tahap in rules.PAUSE_STATES]
		late = [r for r in rows if not (doctype == "Pengaduan" and r.tahap in rules.PAUSE_STATES)]
		mark_late(doctype, late, now)
		notify_late_in_bulk(doctype, late, now)
		_commit()
		for i, row in enumerate(incomplete, 1):
			withdraw_safely(row.parent)
			if i % WITHDRAWALS_PER_COMMIT == 0:
				_commit()
		_commit()
	lapor.sweep_late(now)  # SP4N-LAPOR! follow-ups past their 5 working days
	sweep_dispositions(now)


def newly_late(doctype: str, now) -> list[dict]:
	"""Open stages of `doctype` past their due time that the sweep has not marked yet."""
	rt = frappe.qb.DocType("Riwayat Tahap")
	return (
		frappe.qb.from_(rt)
		.select(rt.name, rt.parent, rt.tahap, rt.peran, rt.batas_waktu)
		.where(rt.parenttype == doctype)
		.where(rt.status == StageStatus.RUNNING.value)
		.where(rt.batas_waktu < now)
		.where(rt.keluar.isnull())
		.where(rt.docstatus == 0)
		.orderby(rt.batas_waktu)
		.run(as_dict=True)
	)


def _chunks(values: list) -> list[list]:
	return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def mark_late(doctype: str, rows: list[dict], now):
	"""The stages Terlambat (and told), their documents late on their own row, in a few UPDATEs."""
	if not rows:
		return
	rt = frappe.qb.DocType("Riwayat Tahap")
	for names in _chunks([r.name for r in rows]):
		(
			frappe.qb.update(rt)
			.set(rt.status, StageStatus.LATE.value)
			.set(rt.terlambat_diberitahukan, 1)
			.where(rt.name.isin(names))
			.run()
		)
	# `modified` moves too: a form opened before this mark must reload before saving (Frappe's modified
	# check), instead of sending the old status back and being refused by the history guard.
	doc = frappe.qb.DocType(doctype)
	keeps_timeliness = frappe.get_meta(doctype).has_field(stages.TIMELINESS_FIELD)
	for names in _chunks(sorted({r.parent for r in rows})):
		query = frappe.qb.update(doc).set(doc.modified, now).where(doc.name.isin(names))
		if keeps_timeliness:
			query = query.set(doc[stages.TIMELINESS_FIELD], StageStatus.LATE.value)
		query.run()


def withdraw_safely(name: str):
	"""Withdraw one incomplete complaint; one that cannot be withdrawn is logged and retried next hour,
	without undoing the others."""
	frappe.db.savepoint("withdraw_incomplete")
	try:
		withdraw_incomplete(name)
	except Exception:
		frappe.db.rollback(save_point="withdraw_incomplete")
		frappe.log_error(title=_("Pengaduan {0} tidak dapat dianggap dicabut").format(name))


def withdraw_incomplete(name: str):
	doc = frappe.get_doc("Pengaduan", name)
	doc.alasan_pencabutan = _(
		"Dianggap dicabut: pelapor tidak melengkapi berkas sampai batas waktu (UU 25/2009 Pasal 44 ayat 4-5)."
	)
	doc.flags.ignore_permissions = True
	doc.save()
	apply_workflow(doc, "Cabut")


def notify_late_in_bulk(doctype: str, rows: list[dict], now):
	"""Tell each stage's assignees (else the users of its roles): one notification per stage, or one
	digest for a person with more than DIGEST_ABOVE of them in this sweep. Assignments are read in one
	query and each role's users once."""
	if not rows:
		return
	assigned = assignees_of(doctype, [r.parent for r in rows])
	by_roles: dict[str, list[str]] = {}
	per_user: dict[str, list] = defaultdict(list)
	by_role_only: dict[str, list[str]] = {}
	for row in rows:
		if not assigned.get(row.parent):
			roles = row.peran or ""
			if roles not in by_roles:
				by_roles[roles] = users_with_roles([r.strip() for r in roles.split(",")])
			by_role_only[row.parent] = sorted({*by_role_only.get(row.parent, ()), *by_roles[roles]})
	# need to know: of a role's users, a Tim member hears only of the complaints they are on
	may_hear = {case: set(users) for case, users in members_only(doctype, by_role_only).items()}
	for row in rows:
		users = assigned.get(row.parent) or [
			user for user in by_roles[row.peran or ""] if user in may_hear[row.parent]
		]
		for user in users:
			per_user[user].append(row)
	digests, one_by_one = split_for_digest(per_user)
	for user, its_rows in digests.items():
		notify_digest(doctype, user, its_rows, now)
	for row in rows:
		if one_by_one.get(row.name):
			notify_late(doctype, row, one_by_one[row.name])


def split_for_digest(per_user: dict[str, list]) -> tuple[dict[str, list], dict[str, list[str]]]:
	"""({user: rows} for a digest each, {row name: users} to tell one by one): a person with more than
	DIGEST_ABOVE rows in this sweep gets one digest."""
	digests: dict[str, list] = {}
	one_by_one: dict[str, list[str]] = defaultdict(list)
	for user, its_rows in per_user.items():
		if len(its_rows) > DIGEST_ABOVE:
			digests[user] = its_rows
		else:
			for row in its_rows:
				one_by_one[row.name].append(user)
	return digests, one_by_one


def notify_late(doctype: str, row, users: list[str]):
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

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


def notify_digest(doctype: str, user: str, rows: list, now):
	"""One notification naming many late stages, with a link to the late documents' list."""
	lines = [
		_("Tahap {0} pada {1} (batas waktu {2})").format(
			row.tahap, row.parent, clock.format_office(row.batas_waktu)
		)
		for row in rows
	]
	link = f"/app/{frappe.scrub(doctype).replace('_', '-')}"
	if frappe.get_meta(doctype).has_field(stages.TIMELINESS_FIELD):
		link += f"?{stages.TIMELINESS_FIELD}={StageStatus.LATE.value}"
	subject = _("{0} tahap {1} melewati batas waktu (pemeriksaan {2}).").format(
		len(rows), _(doctype), clock.format_office(now)
	)
	send_digest(user, subject, lines, link)


def send_digest(user: str, subject: str, lines: list[str], link: str):
	"""One notification for `user` listing up to DIGEST_LISTED `lines` (the rest counted), linked to a
	list of the documents concerned."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	shown = lines[:DIGEST_LISTED]
	if len(lines) > DIGEST_LISTED:
		shown.append(_("dan {0} lainnya.").format(len(lines) - DIGEST_LISTED))
	make_notification_logs(
		{
			"type": "Alert",
			"subject": subject,
			"email_content": "<br>".join(frappe.utils.escape_html(line) for line in shown),
			"link": link,
			"from_user": "Administrator",
		},
		[user],
	)


def assignees_of(doctype: str, names: list[str]) -> dict[str, list[str]]:
	"""{document: its open assignees} for many documents, in one query per CHUNK names."""
	found: dict[str, list[str]] = defaultdict(list)
	for chunk in _chunks(sorted(set(names))):
		for name, user in frappe.get_all(
			"ToDo",
			filters={"reference_type": doctype, "reference_name": ("in", chunk), "status": "Open"},
			fields=["reference_name", "allocated_to"],
			as_list=True,
		):
			if user not in found[name]:
				found[name].append(user)
	return found


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
