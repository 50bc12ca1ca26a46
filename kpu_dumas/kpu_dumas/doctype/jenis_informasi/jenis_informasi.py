# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class JenisInformasi(Document):
	"""A kind of information asked for (kepemiluan, kelembagaan, keuangan, …): the office's editable list,
	counted apart in the Register and the Laporan Layanan Informasi Publik."""


def active_kinds() -> list[str]:
	"""The kinds a request may be given (active), in the office's order (Urutan): the portal's choices and
	the report's columns."""
	return frappe.get_all(
		"Jenis Informasi", filters={"aktif": 1}, order_by="urutan asc, name asc", pluck="name"
	)
