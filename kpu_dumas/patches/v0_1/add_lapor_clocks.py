"""Sites installed before the SP4N-LAPOR! clocks existed get their defaults (empty values only), the
workflow action "Selesai di SP4N-LAPOR!" (when the Alur Pengaduan does not have it yet), and their LAPOR!
complaints get the ticket key that makes a tracking ID unique.

Where an older site already holds the same ticket on several live complaints (they were only flagged as
possible duplicates then), the earliest received keeps the key and the others are left as they are: the
office merges or cancels them; no complaint is changed beyond its key.
"""

import frappe

from kpu_dumas.core.lapor import RELEASED_STATES, ticket_key
from kpu_dumas.setup.install import create_workflow_masters, workflow_definitions

ACTION = "Selesai di SP4N-LAPOR!"

DEFAULTS = {
	"lapor_penerusan_hari": 3,
	"lapor_tindak_lanjut_hari": 5,
	"lapor_penutupan_hari": 10,
}


def execute():
	for field, value in DEFAULTS.items():
		if not frappe.db.get_single_value("Pengaturan Kantor", field):
			frappe.db.set_single_value("Pengaturan Kantor", field, value)
	add_closing_action()
	set_ticket_keys()


def add_closing_action():
	"""The action's transitions, added once; an admin's workflow is otherwise left as it is."""
	create_workflow_masters()
	for definition in workflow_definitions():
		if definition["document_type"] != "Pengaduan" or not frappe.db.exists("Workflow", definition["name"]):
			continue
		workflow = frappe.get_doc("Workflow", definition["name"])
		if any(t.action == ACTION for t in workflow.transitions):
			continue
		rows = [row for row in definition["transitions"] if row["action"] == ACTION]
		for row in rows:
			workflow.append("transitions", row)
		if rows:
			workflow.save(ignore_permissions=True)


def set_ticket_keys():
	held = set(
		frappe.get_all("Pengaduan", filters={"kunci_tiket_lapor": ("is", "set")}, pluck="kunci_tiket_lapor")
	)
	for row in frappe.get_all(
		"Pengaduan",
		filters={
			"nomor_tiket_lapor": ("is", "set"),
			"kunci_tiket_lapor": ("is", "not set"),
			"workflow_state": ("not in", list(RELEASED_STATES)),
		},
		fields=["name", "nomor_tiket_lapor"],
		order_by="tanggal_diterima asc, creation asc",
	):
		key = ticket_key(row.nomor_tiket_lapor)
		if key and key not in held:
			frappe.db.set_value("Pengaduan", row.name, "kunci_tiket_lapor", key, update_modified=False)
			held.add(key)
