# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpu_dumas.core.deadlines import Duration


class SifatDisposisi(Document):
	def validate(self):
		self.validate_time_standard()

	def validate_time_standard(self):
		try:
			Duration.parse(self.jumlah, self.satuan)
		except ValueError as e:
			frappe.throw(_(str(e)), title=_("Batas Waktu Sifat Tidak Valid"))
