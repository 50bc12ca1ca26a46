# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpu_dumas.record import TRUSTED


class KoreksiData(Document):
	"""One correction of a server-owned number or date: written once by the correction door, never
	edited or deleted (kpu_dumas.api.koreksi)."""

	def before_insert(self):
		if not self.flags.get(TRUSTED):
			frappe.throw(
				_(
					"Koreksi Data dicatat otomatis oleh aksi Koreksi Data pada dokumennya; catatan ini tidak "
					"dibuat sendiri."
				),
				frappe.PermissionError,
				title=_("Tidak Dapat Dibuat"),
			)

	def validate(self):
		if not self.is_new():
			frappe.throw(
				_("Koreksi Data {0} adalah jejak audit dan tidak dapat diubah.").format(self.name),
				frappe.PermissionError,
				title=_("Jejak Audit"),
			)

	def on_trash(self):
		frappe.throw(
			_("Koreksi Data {0} adalah jejak audit dan tidak dapat dihapus oleh siapa pun.").format(
				self.name
			),
			frappe.PermissionError,
			title=_("Jejak Audit"),
		)
