# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kpu_dumas.permissions import RowOfReadableParent


class BuktiPengaduan(RowOfReadableParent, Document):
	pass
