# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

# Covers the reports' per-document question "is any stage late, or on time?" (kpu_dumas.reports.common):
# both EXISTS lookups read the index only. A year's Register of 100,000 complaints runs in a third of
# the time with it (docs/benchmarks.md).
TIMELINESS_INDEX = (
	"stage_timeliness_index",
	["parent", "parenttype", "status", "keluar", "batas_waktu", "tahap"],
)


class RiwayatTahap(Document):
	pass


def on_doctype_update():
	name, fields = TIMELINESS_INDEX
	frappe.db.add_index("Riwayat Tahap", fields, name)
