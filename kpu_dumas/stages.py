"""Stage history for documents under a Frappe Workflow: one Riwayat Tahap row per visit to a state.

A row records the state, the role(s) responsible for it, when it was entered, its due time under the
active Mutu Baku, when it was left, by whom, in which role and with which action, the working time
spent and whether it was on time. Called from a controller's `validate`, so the rows are saved in the
same write as the state change.

Pause states (e.g. Perlu Dilengkapi, waiting on the reporter) stop the clock of the state they return
to: that state's due time is pushed by exactly the working time spent paused.
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name, is_transition_condition_satisfied
from frappe.utils import get_datetime

from kpu_dumas import clock, pengaturan
from kpu_dumas.core import recap
from kpu_dumas.core.deadlines import Duration, StageStatus, Unit, stage_status
from kpu_dumas.core.record import same

HISTORY_FIELD = "riwayat_tahap"
# The document's own timeliness, kept from its history (the reports group on it instead of reading the
# history of each case): Terlambat / Tepat Waktu / Berjalan / Tanpa Batas, and the due time of the open
# office stage, so a report sees a stage late as soon as it is, before the hourly sweep marks it.
TIMELINESS_FIELD = "ketepatan_waktu"
RUNNING_DUE_FIELD = "batas_waktu_tahap"


def responsible_roles(doctype: str, state: str) -> list[str]:
	"""Roles that may edit a document in `state` (the workflow's allow_edit rows), in order."""
	roles: list[str] = []
	for row in get_workflow(doctype).states:
		if row.state == state and row.allow_edit and row.allow_edit not in roles:
			roles.append(row.allow_edit)
	return roles


def initial_state(doctype: str) -> str:
	return get_workflow(doctype).states[0].state


def standard_for(settings_field: str, state: str) -> Duration:
	"""The time standard of `state` in the Mutu Baku set selected in Pengaturan Kantor."""
	set_name = pengaturan.get(settings_field)
	if set_name:
		for row in frappe.get_cached_doc("Mutu Baku", set_name).tahap:
			if row.tahap == state:
				return Duration.parse(row.jumlah, row.satuan)
	return Duration(0, Unit.NONE)


def sooner_standard(settings_field: str, state: str, legal: tuple) -> tuple:
	"""The law's (due, label) for `state`, or the office's own standard when that falls due sooner (the
	Kupang desk's 30 minutes for a walk-in against the 10 working days of UU 14/2008)."""
	duration = standard_for(settings_field, state)
	own = clock.due(clock.now(), duration) if duration.unit is not Unit.NONE else None
	due, _label = legal
	if own and (not due or own < get_datetime(due)):
		return own, duration.label()
	return legal


def transition_taken(doc, old_state: str, new_state: str):
	"""The workflow transition the session user is taking, or None when it is not allowed.

	When two actions lead the same way (Selesaikan, Selesai di SP4N-LAPOR!), the one whose condition
	the document meets is the one taken."""
	roles = set(frappe.get_roles())
	taken = [
		t
		for t in get_workflow(doc.doctype).transitions
		if t.state == old_state and t.next_state == new_state and t.allowed in roles
	]
	if len(taken) > 1:
		for t in taken:
			if t.condition and is_transition_condition_satisfied(t, doc):
				return t
		return next((t for t in taken if not t.condition), taken[0])
	return taken[0] if taken else None


def state_change(doc) -> tuple[str | None, str] | None:
	"""(old_state, new_state) when this save changes the workflow state (old is None on insert)."""
	if not get_workflow_name(doc.doctype):
		return None
	if doc.is_new():
		doc.workflow_state = doc.workflow_state or initial_state(doc.doctype)
		return (None, doc.workflow_state)
	before = doc.get_doc_before_save()
	old = before.workflow_state if before else None
	if old and old != doc.workflow_state:
		return (old, doc.workflow_state)
	return None


def record_state_change(
	doc,
	old_state: str | None,
	new_state: str,
	settings_field: str,
	pause_states=(),
	legal_due: tuple[datetime, str] | None = None,
):
	"""Close the open history row and open one for `new_state`.

	`legal_due` = (due, label) replaces the Mutu Baku standard when a law fixes the stage's deadline
	(e.g. the written notice on an information request, counted from registration).
	"""
	now = clock.now()
	transition = transition_taken(doc, old_state, new_state) if old_state else None
	open_row = current_row(doc)
	if open_row:
		open_row.keluar = now
		open_row.oleh = frappe.session.user
		open_row.aksi = transition.action if transition else None
		open_row.peran_pelaku = transition.allowed if transition else None
		open_row.waktu_kerja_menit = clock.spent(get_datetime(open_row.masuk), now)
		status = stage_status(_dt(open_row.batas_waktu), now, now)
		open_row.status = status.value

	if legal_due:
		due, label = legal_due
	else:
		duration = standard_for(settings_field, new_state)
		start, pauses = _clock_start(doc, new_state, now, pause_states)
		due, label = clock.due(start, duration, pauses), duration.label()
	doc.append(
		HISTORY_FIELD,
		{
			"tahap": new_state,
			"peran": ", ".join(responsible_roles(doc.doctype, new_state)),
			"masuk": now,
			"mutu_baku": label,
			"batas_waktu": due,
			"status": (StageStatus.RUNNING if due else StageStatus.NO_LIMIT).value,
		},
	)
	keep_timeliness(doc, pause_states, now)


def keep_timeliness(doc, pause_states=(), now: datetime | None = None):
	"""Set the document's timeliness fields (when it has them) from its stage history. Called on every
	stage change and every save; the fields are the server's (core.record.SERVER_FIELDS)."""
	if not doc.meta.has_field(TIMELINESS_FIELD):
		return
	rows = [
		{"tahap": r.tahap, "status": r.status, "keluar": r.keluar, "batas_waktu": _dt(r.batas_waktu)}
		for r in doc.get(HISTORY_FIELD) or []
	]
	timeliness, running_due = recap.complaint_timeliness(
		rows, doc.docstatus == 0, now or clock.now(), pause_states
	)
	doc.set(TIMELINESS_FIELD, timeliness)
	doc.set(RUNNING_DUE_FIELD, running_due)


def current_row(doc):
	"""The open history row (not yet left), if any."""
	for row in reversed(doc.get(HISTORY_FIELD) or []):
		if not row.keluar:
			return row
	return None


def _clock_start(doc, state: str, now: datetime, pause_states) -> tuple[datetime, list]:
	"""Where the clock of `state` starts, and the pauses to skip.

	Returning to a state from a pause state resumes the earlier visit's clock: walk back over
	alternating pause/state rows to the first visit of this episode.
	"""
	rows = [r for r in (doc.get(HISTORY_FIELD) or [])]
	pauses: list[tuple[datetime, datetime]] = []
	start = now
	i = len(rows) - 1
	while i >= 0 and rows[i].tahap in pause_states:
		pause_row = rows[i]
		if i == 0 or rows[i - 1].tahap != state:
			break
		pauses.append((get_datetime(pause_row.masuk), get_datetime(pause_row.keluar or now)))
		start = get_datetime(rows[i - 1].masuk)
		i -= 2
	return start, pauses


def _dt(value) -> datetime | None:
	return get_datetime(value) if value else None


def check_edit_rights(doc, label: str):
	"""Outside a transition, only the roles that own the current state may change the document."""
	if doc.is_new() or doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	roles = set(frappe.get_roles())
	if "System Manager" in roles:
		return
	owners = responsible_roles(doc.doctype, doc.workflow_state)
	if owners and not roles.intersection(owners) and not _only_reasons_changed(doc, roles):
		frappe.throw(
			_("Pada status {0}, {1} hanya dapat diubah oleh peran: {2}.").format(
				frappe.bold(doc.workflow_state), label, ", ".join(owners)
			),
			frappe.PermissionError,
			title=_("Tidak Berwenang"),
		)


# The reason an action requires, which whoever may take the action writes in any state.
REASON_FIELDS = {"Batalkan": "alasan_pembatalan"}


def _only_reasons_changed(doc, roles: set[str]) -> bool:
	"""The save changes nothing but the reasons of actions this user may take from the current state."""
	actions = {
		t.action
		for t in get_workflow(doc.doctype).transitions
		if t.state == doc.workflow_state and t.allowed in roles
	}
	reasons = {REASON_FIELDS[a] for a in actions if a in REASON_FIELDS}
	before = doc.get_doc_before_save()
	if not reasons or not before:
		return False
	changed = {
		df.fieldname
		for df in doc.meta.fields
		if df.fieldtype not in ("Table", "Table MultiSelect")
		and not same(df.fieldtype, before.get(df.fieldname), doc.get(df.fieldname))
	}
	return bool(changed) and changed <= reasons


def stage_intro(doc) -> dict | None:
	"""The open stage as one Indonesian sentence for the form header, with an indicator colour."""
	row = current_row(doc)
	if not row:
		return None
	if row.batas_waktu:
		limit = _("batas waktu {0}").format(clock.format_office(row.batas_waktu))
	else:
		limit = _("tanpa batas waktu (menyesuaikan)")
	late = row.status == StageStatus.LATE.value or (
		row.batas_waktu and get_datetime(row.batas_waktu) < clock.now()
	)
	text = _("Tahap {0} ({1}): {2}. Mutu baku: {3}.").format(
		row.tahap, row.peran or "-", limit, row.mutu_baku or "-"
	)
	if late:
		text += " " + _("Terlambat.")
	return {"text": text, "color": "red" if late else "blue"}
