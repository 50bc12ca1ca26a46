"""Profil SOP › Terapkan: preview and apply a preset to Pengaturan Kantor, the workflows and the urgencies.

The rules (what the preset leads to, what changes, which open cases block it) are in core/profil_sop.py;
this module reads the site into plain data and writes the result. Applying never touches the stage
history: a stage already started keeps its due time, the new hours and sets count from the next stage.
"""

from __future__ import annotations

import frappe
from frappe import _

from kpu_dumas import clock
from kpu_dumas.core import profil_sop as core
from kpu_dumas.core.deadlines import Duration

SETTINGS = "Pengaturan Kantor"
SET_FIELDS = {
	"Pengaduan": "mutu_baku_pengaduan",
	"Permohonan Informasi": "mutu_baku_permohonan",
	"Keberatan Informasi": "mutu_baku_keberatan",
}
WORKFLOW_FIELDS = {
	"Pengaduan": "workflow_pengaduan",
	"Permohonan Informasi": "workflow_permohonan",
	"Keberatan Informasi": "workflow_keberatan",
}
# The workflow each DocType runs when a preset gives its Mutu Baku set but no workflow of its own.
SHIPPED_WORKFLOWS = {
	"Pengaduan": "Alur Pengaduan",
	"Permohonan Informasi": "Alur Permohonan Informasi",
	"Keberatan Informasi": "Alur Keberatan Informasi",
}


# --- reading ---------------------------------------------------------------------------------------


def active_workflow(doctype: str) -> str | None:
	return frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1}, "name")


def current_configuration() -> dict:
	settings = frappe.get_single(SETTINGS)
	signers: dict[str, str] = {}
	for row in settings.penandatangan:
		signers.setdefault(row.peran, row.jabatan)
	return {
		"profil": settings.get("profil_sop"),
		"zona_waktu": settings.zona_waktu,
		"jam_layanan": [(r.hari, str(r.jam_mulai), str(r.jam_selesai)) for r in settings.jam_layanan],
		"mutu_baku": {dt: settings.get(field) for dt, field in SET_FIELDS.items()},
		"workflow": {dt: active_workflow(dt) for dt in core.DOCTYPES},
		"sifat_disposisi": {
			r.name: (int(r.jumlah or 0), r.satuan)
			for r in frappe.get_all("Sifat Disposisi", fields=["name", "jumlah", "satuan"])
		},
		"penandatangan": signers,
	}


def preset_configuration(profile) -> dict:
	return {
		"profil": profile.name,
		"zona_waktu": profile.zona_waktu,
		"jam_layanan": [(r.hari, str(r.jam_mulai), str(r.jam_selesai)) for r in profile.jam_layanan],
		"mutu_baku": {dt: profile.get(field) for dt, field in SET_FIELDS.items()},
		"workflow": {dt: profile.get(field) for dt, field in WORKFLOW_FIELDS.items()},
		"sifat_disposisi": {r.sifat: (int(r.jumlah or 0), r.satuan) for r in profile.sifat_disposisi},
		"penandatangan": {r.peran: r.jabatan for r in profile.penandatangan},
	}


def _stages(set_name: str | None) -> list[dict]:
	if not set_name or not frappe.db.exists("Mutu Baku", set_name):
		return []
	return [
		{
			"tahap": r.tahap,
			"standar": Duration.parse(r.jumlah, r.satuan).label(),
			"sumber": r.sumber or "",
		}
		for r in frappe.get_doc("Mutu Baku", set_name).tahap
	]


def _blocking(current: dict, after: dict) -> list[dict]:
	switched = core.workflows_switched(current, after)
	if not switched:
		return []
	target_states = {
		dt: frappe.get_all("Workflow Document State", filters={"parent": wf}, pluck="state")
		for dt, wf in switched.items()
	}
	open_cases = [
		{"doctype": dt, "name": row.name, "state": row.workflow_state}
		for dt in switched
		for row in frappe.get_all(
			dt, filters={"docstatus": 0}, fields=["name", "workflow_state"], order_by="creation asc"
		)
	]
	return core.cases_in_missing_states(open_cases, target_states)


def plan(profile_name: str) -> tuple[dict, dict, dict]:
	if not profile_name or not frappe.db.exists("Profil SOP", profile_name):
		frappe.throw(
			_("Profil SOP {0} tidak ditemukan. Pilih profil yang ada di daftar Profil SOP.").format(
				frappe.bold(profile_name or "")
			),
			title=_("Profil SOP Tidak Ditemukan"),
		)
	profile = frappe.get_doc("Profil SOP", profile_name)
	current = current_configuration()
	after = core.target(current, preset_configuration(profile), SHIPPED_WORKFLOWS)
	return profile, current, after


def preview(profile_name: str) -> dict:
	profile, current, after = plan(profile_name)
	sets = []
	for dt in core.DOCTYPES:
		before_set, after_set = current["mutu_baku"].get(dt), after["mutu_baku"].get(dt)
		if before_set != after_set:
			sets.append(
				{
					"dokumen": dt,
					"sebelum": before_set,
					"sesudah": after_set,
					"tahap_sebelum": _stages(before_set),
					"tahap_sesudah": _stages(after_set),
				}
			)
	blocking = _blocking(current, after)
	return {
		"profil": profile.name,
		"perubahan": core.changes(current, after),
		"mutu_baku": sets,
		"kasus_tertahan": blocking,
		"dapat_diterapkan": not blocking,
		"pesan": core.refusal_message(profile.name, blocking) if blocking else "",
	}


# --- the whitelisted doors -----------------------------------------------------------------------------


def _only_system_manager():
	if "System Manager" not in frappe.get_roles():
		frappe.throw(
			_("Hanya System Manager yang dapat melihat pratinjau dan menerapkan Profil SOP."),
			frappe.PermissionError,
			title=_("Tidak Berwenang"),
		)


@frappe.whitelist()
def pratinjau(profil: str) -> dict:
	"""What applying `profil` would change: hours, zone, each Mutu Baku set, workflows, and the open cases
	that block it."""
	_only_system_manager()
	return preview(profil)


@frappe.whitelist(methods=["POST"])
def terapkan(profil: str) -> dict:
	"""Apply `profil`: refused while open cases sit in a state its workflow lacks; a second apply changes
	nothing."""
	_only_system_manager()
	profile, current, after = plan(profil)
	blocking = _blocking(current, after)
	if blocking:
		frappe.throw(
			_(core.refusal_message(profile.name, blocking)), title=_("Profil SOP Belum Dapat Diterapkan")
		)
	rows = core.changes(current, after)
	if not rows:
		return {
			"profil": profile.name,
			"perubahan": [],
			"pesan": _("Tidak ada yang berubah: profil ini sudah diterapkan."),
		}
	apply(current, after)
	return {
		"profil": profile.name,
		"perubahan": rows,
		"pesan": _(
			"Profil SOP {0} diterapkan. Tahap yang sudah berjalan tetap memakai batas waktunya."
		).format(profile.name),
	}


def apply(current: dict, after: dict):
	settings = frappe.get_single(SETTINGS)
	settings.zona_waktu = after["zona_waktu"]
	if core.normalize_hours(current["jam_layanan"]) != core.normalize_hours(after["jam_layanan"]):
		settings.set(
			"jam_layanan",
			[
				{"hari": d, "jam_mulai": f"{s}:00", "jam_selesai": f"{e}:00"}
				for d, s, e in after["jam_layanan"]
			],
		)
	for dt, field in SET_FIELDS.items():
		settings.set(field, after["mutu_baku"].get(dt))
	for row in settings.penandatangan:
		position = after["penandatangan"].get(row.peran)
		if position and row.jabatan != position and current["penandatangan"].get(row.peran) == row.jabatan:
			row.jabatan = position
	settings.profil_sop = after["profil"]
	settings.save()

	for workflow in core.workflows_switched(current, after).values():
		doc = frappe.get_doc("Workflow", workflow)
		doc.is_active = 1
		doc.save(ignore_permissions=True)  # Frappe deactivates the DocType's other workflows

	for sifat, (amount, unit) in after["sifat_disposisi"].items():
		if current["sifat_disposisi"].get(sifat) != (amount, unit):
			doc = frappe.get_doc("Sifat Disposisi", sifat)
			doc.jumlah, doc.satuan = amount, unit
			doc.save()
	clock.clear_calendar_cache()


def mark_matching_profile(profile_name: str):
	"""On install and migrate: name the preset in Pengaturan Kantor when the office runs exactly it and
	names none yet (a fresh site runs the shipped default); an office that changed things names none."""
	if frappe.db.get_single_value(SETTINGS, "profil_sop") or not frappe.db.exists("Profil SOP", profile_name):
		return
	_profile, current, after = plan(profile_name)
	current["profil"] = profile_name
	if not core.changes(current, after):
		frappe.db.set_single_value(SETTINGS, "profil_sop", profile_name)
