# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from kpu_dumas.permissions import RowOfReadableParent

# Covers the reports' per-document question "is any stage late, or on time?" (kpu_dumas.reports.common):
# both EXISTS lookups read the index only. A year's Register of 100,000 complaints runs in a third of
# the time with it (docs/benchmarks.md).
TIMELINESS_INDEX = (
	"stage_timeliness_index",
	["parent", "parenttype", "status", "keluar", "batas_waktu", "tahap"],
)

# The hourly sweep's question "which open stages went past due and are not marked yet?" (status
# Berjalan, batas_waktu < now): a range on this index, so its work grows with the stages that newly
# became late, not with all cases (kpu_dumas.tasks).
SWEEP_INDEX = ("stage_due_index", ["parenttype", "status", "batas_waktu"])


class RiwayatTahap(RowOfReadableParent, Document):
	pass


def on_doctype_update():
	for name, fields in (TIMELINESS_INDEX, SWEEP_INDEX):
		frappe.db.add_index("Riwayat Tahap", fields, name)
