# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

"""Log Retensi Identitas: one row per run of the daily retention job (kpu_dumas.retensi).

Written only by that job; nobody edits or deletes a row. Read by the Pejabat Yang Berwenang and System
Manager (DocPerm).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


def _refuse(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Log Retensi Identitas"))


class LogRetensiIdentitas(Document):
	def before_insert(self):
		if not self.flags.get("from_retention_job"):
			_refuse(
				_("Log Retensi Identitas dicatat otomatis oleh tugas harian retensi; tidak dibuat sendiri.")
			)

	def before_validate(self):
		if not self.is_new():
			self.refuse_change()

	def db_update(self, *args, **kwargs):
		self.refuse_change()

	def refuse_change(self):
		_refuse(_("Log Retensi Identitas {0} adalah catatan tetap dan tidak dapat diubah.").format(self.name))

	def on_trash(self):
		_refuse(
			_("Log Retensi Identitas {0} adalah catatan tetap dan tidak dapat dihapus.").format(self.name)
		)
