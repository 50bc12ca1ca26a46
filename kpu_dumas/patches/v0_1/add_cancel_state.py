"""Workflows created before the Dibatalkan end state existed get it, with its Batalkan transitions.

Only what is missing is added; states and transitions an admin changed stay as they are.
"""

import frappe

from kpu_dumas.setup.install import create_workflow_masters, workflow_definitions

STATE = "Dibatalkan"


def execute():
	create_workflow_masters()
	for definition in workflow_definitions():
		if not frappe.db.exists("Workflow", definition["name"]):
			continue
		workflow = frappe.get_doc("Workflow", definition["name"])
		if any(row.state == STATE for row in workflow.states):
			continue
		for row in definition["states"]:
			if row["state"] == STATE:
				workflow.append("states", row)
		for row in definition["transitions"]:
			if row["next_state"] == STATE:
				workflow.append("transitions", row)
		workflow.save(ignore_permissions=True)
