# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

"""Log Buka Identitas: one row per reveal of a rahasia reporter's identity (kpu_dumas.pengungkapan).

Append-only: written only by the app's reveal code; nobody edits or deletes a row, System Manager and
Administrator included. Read by the Pejabat Yang Berwenang and System Manager (DocPerm), also through
the report Log Buka Identitas Pelapor.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


def _refuse(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Log Buka Identitas"))


class LogBukaIdentitas(Document):
	def before_insert(self):
		if not self.flags.get("from_reveal"):
			_refuse(
				_(
					"Log Buka Identitas dicatat otomatis setiap kali identitas pelapor rahasia dibuka; "
					"catatan ini tidak dibuat sendiri."
				)
			)

	def before_validate(self):
		if not self.is_new():
			self.refuse_change()

	def db_update(self, *args, **kwargs):
		self.refuse_change()

	def db_set(self, *args, **kwargs):
		self.refuse_change()

	def refuse_change(self):
		_refuse(_("Log Buka Identitas {0} adalah catatan tetap dan tidak dapat diubah.").format(self.name))

	def on_trash(self):
		self.refuse_delete()

	def after_delete(self):
		# Reached only when on_trash was skipped (ignore_on_trash): the deletion is refused all the same.
		self.refuse_delete()

	def refuse_delete(self):
		_refuse(_("Log Buka Identitas {0} adalah catatan tetap dan tidak dapat dihapus.").format(self.name))
