# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpu_dumas import numbering
from kpu_dumas.core import identity
from kpu_dumas.kerahasiaan import EncryptedFields

# The DocType's autoname "format:PLP-{#####}": Frappe's Series key and width for it.
SERIES_KEY, SERIES_DIGITS = "PLP-", 5


class IdentitasPelapor(EncryptedFields, Document):
	def autoname(self):
		"""PLP-00001, …: the counter is taken apart from this transaction (numbering.next_in_series)."""
		self.name = f"{SERIES_KEY}{numbering.next_in_series(SERIES_KEY):0{SERIES_DIGITS}d}"

	def validate(self):
		self.validate_identity_number()
		self.validate_contacts()
		self.validate_proxy()

	def validate_identity_number(self):
		if self.jenis_identitas == "KTP":
			self.nomor_identitas = identity.normalize_nik(self.nomor_identitas)
			if error := identity.nik_error(self.nomor_identitas):
				frappe.throw(_(error), title=_("NIK Tidak Valid"))

	def validate_contacts(self):
		if self.telepon:
			self.telepon = identity.normalize_phone(self.telepon)
			if error := identity.phone_error(self.telepon):
				frappe.throw(_(error), title=_("Nomor Telepon Tidak Valid"))
		if self.email:
			self.email = self.email.strip()
			if error := identity.email_error(self.email):
				frappe.throw(_(error), title=_("Email Tidak Valid"))

	def validate_proxy(self):
		"""Representation by power of attorney needs the surat kuasa (SOP Pohuwato, langkah 1)."""
		if not self.dikuasakan:
			return
		if not self.nama_kuasa:
			frappe.throw(_("Isi nama penerima kuasa."), title=_("Data Kuasa Belum Lengkap"))
		if not self.surat_kuasa:
			frappe.throw(
				_(
					"Pengaduan yang dikuasakan wajib melampirkan surat kuasa: unggah berkasnya di kolom Surat Kuasa."
				),
				title=_("Surat Kuasa Belum Dilampirkan"),
			)
