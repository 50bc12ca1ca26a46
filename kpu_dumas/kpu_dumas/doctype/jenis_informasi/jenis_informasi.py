# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class JenisInformasi(Document):
	"""A kind of information asked for (kepemiluan, kelembagaan, keuangan, …): the office's editable list,
	counted apart in the Register and the Laporan Layanan Informasi Publik."""
