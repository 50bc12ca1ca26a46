# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

CONTACT_FIELDS = ("nama_instansi", "nama_lengkap", "alamat", "telepon", "email", "situs_web")


class InstansiBerwenang(Document):
	pass


def contact_of(name: str | None) -> frappe._dict:
	"""A competent body's name and contact details, as the office filled them in (a body since removed
	keeps the name the complaint holds)."""
	row = frappe.db.get_value("Instansi Berwenang", name, CONTACT_FIELDS, as_dict=True) if name else None
	return row or frappe._dict({field: "" for field in CONTACT_FIELDS}, nama_instansi=name or "")
