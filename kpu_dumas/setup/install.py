"""Install, migrate and uninstall: everything the app ships, created idempotently.

Rule: create what is missing, never overwrite what exists. An admin's edits to roles, workflows, time
standards, holidays or office data survive every `bench migrate`. To restore a shipped default, delete
the record and run `bench migrate`.

Holidays and categories are seeded per unit (a holiday year, the category table) only when that unit
is empty, so a holiday an office deliberately deleted does not come back.
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe

from kpu_dumas.roles import ROLE_PROFILES, ROLES

MODULE_DIR = Path(__file__).resolve().parent.parent / "kpu_dumas"
FIXTURES = MODULE_DIR / "fixtures"
WORKFLOWS = MODULE_DIR / "workflow"

# Our DocTypes (for uninstall clean-up of rows that reference them in core tables).
OUR_DOCTYPES = (
	"Pengaduan",
	"Identitas Pelapor",
	"Riwayat Tahap",
	"Bukti Pengaduan",
	"Anggota Tim Pemeriksa",
	"Kategori Pengaduan",
	"Mutu Baku",
	"Mutu Baku Tahap",
	"Hari Libur Kantor",
	"Pengaturan Kantor",
	"Jam Layanan Kantor",
	"Penandatangan Surat",
	"Disposisi",
	"Penerima Disposisi",
	"Butir Instruksi Disposisi",
	"Sifat Disposisi",
	"Instruksi Disposisi",
	"Permohonan Informasi",
	"Keberatan Informasi",
	"Koreksi Data",
	"Impor Register",
	"Instansi Berwenang",
	"Pengaduan Tergabung",
	"Jenis Informasi",
	"Profil SOP",
	"Sifat Disposisi Profil",
	"Penandatangan Profil",
	"Surat Terbit",
	"Log Buka Identitas",
	"Log Retensi Identitas",
)
DEFAULT_SOP_PROFILE = "Pohuwato 2025"
SERIES_PREFIXES = ("DUMAS-", "PLP-", "KPU-DUMAS-SURAT-", "PPID-", "KEB-", "DISP-", "KOR-", "IMP-", "RET-")


def _load(path: Path):
	return json.loads(path.read_text(encoding="utf-8"))


def after_install():
	install()


def after_migrate():
	install()


def before_tests():
	install()
	reset_prepared_reports()
	frappe.db.commit()


def reset_prepared_reports():
	"""Our reports back to live results on a test site. Frappe turns a Script Report into a prepared
	(background) report for good once one run takes over 15 s, which a loaded CI machine can cause; the
	tests and the browser specs read the live result. Offices keep what Frappe or their admin chose."""
	frappe.db.set_value(
		"Report", {"module": "KPU Dumas", "prepared_report": 1}, "prepared_report", 0, update_modified=False
	)


def install():
	create_roles()
	create_workflow_masters()
	create_workflows()
	create_role_profiles()
	create_categories()
	create_information_kinds()
	create_competent_bodies()
	create_time_standards()
	create_holidays()
	create_office_settings()
	create_disposition_masters()
	create_letter_head()
	create_sop_profiles()


# --- roles ------------------------------------------------------------------------------------------


def create_roles():
	for name, description in ROLES.items():
		if not frappe.db.exists("Role", name):
			frappe.get_doc(
				{"doctype": "Role", "role_name": name, "desk_access": 1, "description": description}
			).insert(ignore_permissions=True)


def create_role_profiles():
	for profile, roles in ROLE_PROFILES.items():
		if frappe.db.exists("Role Profile", profile):
			continue
		frappe.get_doc(
			{"doctype": "Role Profile", "role_profile": profile, "roles": [{"role": r} for r in roles]}
		).insert(ignore_permissions=True)


# --- workflows ----------------------------------------------------------------------------------------


def workflow_masters() -> dict:
	"""The shipped workflow states and actions: the app's own, and those of the Profil SOP workflows."""
	masters = _load(WORKFLOWS / "masters.json")
	extra = _load(WORKFLOWS / "masters_profil_sop.json")
	return {
		"workflow_states": {**masters["workflow_states"], **extra["workflow_states"]},
		"workflow_actions": masters["workflow_actions"] + extra["workflow_actions"],
	}


def create_workflow_masters():
	masters = workflow_masters()
	for state, style in masters["workflow_states"].items():
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in masters["workflow_actions"]:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def workflow_definitions() -> list[dict]:
	return [_load(p) for p in sorted(WORKFLOWS.glob("alur_*.json"))]


def create_workflows():
	for definition in workflow_definitions():
		if not frappe.db.exists("Workflow", definition["name"]):
			frappe.get_doc(definition).insert(ignore_permissions=True)


def add_missing_states(states: set[str]):
	"""Give workflows made before `states` existed those states, with the transitions into them.

	A workflow that already has a state keeps it and its transitions as the admin left them (patches).
	"""
	create_workflow_masters()
	for definition in workflow_definitions():
		if not frappe.db.exists("Workflow", definition["name"]):
			continue
		workflow = frappe.get_doc("Workflow", definition["name"])
		missing = {row["state"] for row in definition["states"]} & states
		missing -= {row.state for row in workflow.states}
		if not missing:
			continue
		for row in definition["states"]:
			if row["state"] in missing:
				workflow.append("states", row)
		for row in definition["transitions"]:
			if row["next_state"] in missing:
				workflow.append("transitions", row)
		workflow.save(ignore_permissions=True)


# --- defaults -----------------------------------------------------------------------------------------


def create_categories():
	if frappe.db.count("Kategori Pengaduan"):
		return
	for row in _load(FIXTURES / "kategori_pengaduan.json"):
		frappe.get_doc({"doctype": "Kategori Pengaduan", **row}).insert(ignore_permissions=True)


def create_information_kinds():
	"""The kinds of information asked for (Jenis Informasi), once; the office edits the list afterwards."""
	if frappe.db.count("Jenis Informasi"):
		return
	for row in _load(FIXTURES / "jenis_informasi.json"):
		frappe.get_doc({"doctype": "Jenis Informasi", **row}).insert(ignore_permissions=True)


def create_competent_bodies():
	"""Bawaslu, DKPP and Ombudsman RI, once; the office fills in their local addresses."""
	for row in _load(FIXTURES / "instansi_berwenang.json"):
		if not frappe.db.exists("Instansi Berwenang", row["nama_instansi"]):
			frappe.get_doc({"doctype": "Instansi Berwenang", **row}).insert(ignore_permissions=True)


def create_time_standards():
	for definition in _load(FIXTURES / "mutu_baku.json"):
		if not frappe.db.exists("Mutu Baku", definition["nama"]):
			frappe.get_doc({"doctype": "Mutu Baku", **definition}).insert(ignore_permissions=True)


def create_holidays():
	"""Seed each shipped year that has no holidays yet."""
	by_year: dict[str, list[dict]] = {}
	for row in _load(FIXTURES / "hari_libur.json"):
		by_year.setdefault(row["tanggal"][:4], []).append(row)
	for year, rows in by_year.items():
		if frappe.db.exists(
			"Hari Libur Kantor", {"tanggal": ("between", [f"{year}-01-01", f"{year}-12-31"])}
		):
			continue
		for row in rows:
			frappe.get_doc({"doctype": "Hari Libur Kantor", **row}).insert(ignore_permissions=True)


def create_office_settings():
	"""Fill Pengaturan Kantor once; afterwards it belongs to the office."""
	settings = frappe.get_single("Pengaturan Kantor")
	if settings.nama_kantor:
		return
	settings.update(_load(FIXTURES / "pengaturan_kantor.json"))
	settings.save(ignore_permissions=True)


def create_letter_head():
	"""Our kop surat, built from Pengaturan Kantor; afterwards the office edits it in Letter Head."""
	from kpu_dumas.letters import LETTER_HEAD, letter_head_html

	if not frappe.db.exists("Letter Head", LETTER_HEAD):
		doc = frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": LETTER_HEAD,
				"source": "HTML",
				"footer_source": "HTML",
				"content": letter_head_html(frappe.get_single("Pengaturan Kantor")),
				"is_default": 0,
			}
		)
		doc.name = LETTER_HEAD
		# Inserted as it is: Letter Head's hooks would switch it to an image source and make it the
		# site's default when none is set; the site (ERPNext, say) keeps its own default letter head.
		doc.db_insert()
	if not frappe.db.get_single_value("Pengaturan Kantor", "kop_surat"):
		frappe.db.set_single_value("Pengaturan Kantor", "kop_surat", LETTER_HEAD)


def delete_letter_head():
	from kpu_dumas.letters import LETTER_HEAD

	if frappe.db.get_value("Letter Head", LETTER_HEAD, "is_default"):  # an admin made it the default
		frappe.defaults.clear_default("letter_head", LETTER_HEAD)
		frappe.defaults.clear_default("default_letter_head_content")
	frappe.db.delete("Version", {"ref_doctype": "Letter Head", "docname": LETTER_HEAD})
	_delete_permanently("Letter Head", LETTER_HEAD)


def create_disposition_masters():
	"""Sifat Disposisi per record (an admin restores a deleted one by migrating); the instruction list
	only while it is empty (the office curates it, like the complaint categories)."""
	for row in _load(FIXTURES / "sifat_disposisi.json"):
		if not frappe.db.exists("Sifat Disposisi", row["sifat"]):
			frappe.get_doc({"doctype": "Sifat Disposisi", **row}).insert(ignore_permissions=True)
	if not frappe.db.count("Instruksi Disposisi"):
		for row in _load(FIXTURES / "instruksi_disposisi.json"):
			frappe.get_doc({"doctype": "Instruksi Disposisi", **row}).insert(ignore_permissions=True)


def create_sop_profiles():
	"""The five shipped presets (Profil SOP), each once; an admin copies one to change it. A site that runs
	exactly the shipped default (Pohuwato 2025 with PPID) gets it named in Pengaturan Kantor."""
	from kpu_dumas.api.profil_sop import mark_matching_profile

	for row in _load(FIXTURES / "profil_sop.json"):
		if not frappe.db.exists("Profil SOP", row["nama_profil"]):
			doc = frappe.get_doc({"doctype": "Profil SOP", **row, "bawaan": 1})
			doc.flags.shipped = True
			doc.insert(ignore_permissions=True)
	mark_matching_profile(DEFAULT_SOP_PROFILE)


# --- uninstall ----------------------------------------------------------------------------------------


def _delete_permanently(doctype: str, name: str):
	"""Delete without a Deleted Document copy: a shipped default is recreated on the next install."""
	if frappe.db.exists(doctype, name):
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)


def before_uninstall():
	"""Remove what install created outside our module; Frappe drops our DocTypes and their tables."""
	# Our module's workspaces, dashboards, charts, number cards, reports and print formats: Frappe's own
	# removal would keep a Deleted Document copy of each, so they go for good first (their on_trash
	# refuses standard ones).
	for doctype in ("Workspace", "Dashboard", "Dashboard Chart", "Number Card", "Report", "Print Format"):
		for name in frappe.get_all(doctype, filters={"module": "KPU Dumas"}, pluck="name"):
			frappe.delete_doc(
				doctype,
				name,
				force=True,
				ignore_permissions=True,
				ignore_on_trash=True,
				delete_permanently=True,
			)
	definitions = workflow_definitions()
	ours = {d["name"] for d in definitions}
	for name in ours:
		_delete_permanently("Workflow", name)

	masters = workflow_masters()
	states_used_elsewhere = set(frappe.get_all("Workflow Document State", pluck="state"))
	for state in masters["workflow_states"]:
		if state not in states_used_elsewhere:
			_delete_permanently("Workflow State", state)
	actions_used_elsewhere = set(frappe.get_all("Workflow Transition", pluck="action"))
	for action in masters["workflow_actions"]:
		if action not in actions_used_elsewhere:
			_delete_permanently("Workflow Action Master", action)

	for profile in ROLE_PROFILES:
		_delete_permanently("Role Profile", profile)
	for role in ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		_delete_permanently("Role", role)

	for table, field in (
		("ToDo", "reference_type"),
		("Notification Log", "document_type"),
		("Comment", "reference_doctype"),
		("Version", "ref_doctype"),
		("Communication", "reference_doctype"),
		("Workflow Action", "reference_doctype"),
		("Document Follow", "ref_doctype"),
		("DocShare", "share_doctype"),
		("Deleted Document", "deleted_doctype"),  # copies of deleted complaints hold personal data
	):
		frappe.db.delete(table, {field: ("in", OUR_DOCTYPES)})
	for name in frappe.get_all("File", filters={"attached_to_doctype": ("in", OUR_DOCTYPES)}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
	series = frappe.qb.DocType("Series")
	for prefix in SERIES_PREFIXES:
		frappe.qb.from_(series).delete().where(series.name.like(f"{prefix}%")).run()
	delete_letter_head()
	frappe.db.delete("Singles", {"doctype": "Pengaturan Kantor"})
	# Our scheduler_events rows: Frappe only prunes stale Scheduled Job Types on the next migrate.
	jobs = frappe.get_all("Scheduled Job Type", filters={"method": ("like", "kpu_dumas.%")}, pluck="name")
	if jobs:
		frappe.db.delete("Scheduled Job Log", {"scheduled_job_type": ("in", jobs)})
		frappe.db.delete("Scheduled Job Type", {"name": ("in", jobs)})
	# Our patches' Patch Log rows: install-app marks every patch as done again on a reinstall.
	frappe.db.delete("Patch Log", {"patch": ("like", "kpu_dumas.%")})
	frappe.cache.delete_value("kpu_dumas:working_calendar")
	frappe.cache.delete_keys("kpu_dumas:statistik")


def after_uninstall():
	"""Remove the copies Frappe keeps of our records while it drops our DocTypes.

	Frappe 15.89 (not 15.55) keeps a Deleted Document of the Single Pengaturan Kantor, with its office
	hours, when it deletes that DocType; it happens after before_uninstall, so it is cleared here.
	Frappe has committed its last change by now, so this commits its own.
	"""
	frappe.db.delete("Deleted Document", {"deleted_doctype": ("in", OUR_DOCTYPES)})
	frappe.db.commit()
