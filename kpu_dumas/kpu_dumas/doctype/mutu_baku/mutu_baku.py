# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpu_dumas.core.deadlines import Duration


class MutuBaku(Document):
	def validate(self):
		seen = set()
		for row in self.tahap:
			if row.tahap in seen:
				frappe.throw(
					_(
						"Tahap {0} tercantum lebih dari sekali (baris {1}). Satu tahap hanya boleh punya satu standar."
					).format(frappe.bold(row.tahap), row.idx),
					title=_("Tahap Ganda"),
				)
			seen.add(row.tahap)
			try:
				Duration.parse(row.jumlah, row.satuan)
			except ValueError as e:
				frappe.throw(
					_("Baris {0} ({1}): {2}").format(row.idx, row.tahap, _(str(e))),
					title=_("Standar Waktu Tidak Valid"),
				)
