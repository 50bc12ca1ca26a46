# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpu_dumas import clock
from kpu_dumas.core.deadlines import Duration

# Link field -> the DocType the linked Mutu Baku set or Workflow must be for.
SET_FIELDS = {
	"mutu_baku_pengaduan": "Pengaduan",
	"mutu_baku_permohonan": "Permohonan Informasi",
	"mutu_baku_keberatan": "Keberatan Informasi",
}
WORKFLOW_FIELDS = {
	"workflow_pengaduan": "Pengaduan",
	"workflow_permohonan": "Permohonan Informasi",
	"workflow_keberatan": "Keberatan Informasi",
}


class ProfilSOP(Document):
	def validate(self):
		self.keep_shipped_content()
		self.validate_sets_and_workflows()
		self.validate_service_hours()
		self.validate_urgencies()

	def keep_shipped_content(self):
		"""A shipped preset is the seed's content: the admin copies it (Duplicate) and edits the copy."""
		if self.flags.shipped:
			return
		if self.is_new():
			self.bawaan = 0
		elif self.bawaan:
			frappe.throw(
				_(
					"Profil {0} adalah profil bawaan aplikasi dan tidak dapat diubah. Salin profil ini "
					"(menu ... › Duplikat), beri nama baru, lalu ubah salinannya."
				).format(frappe.bold(self.name)),
				title=_("Profil Bawaan"),
			)

	def validate_sets_and_workflows(self):
		for field, doctype in SET_FIELDS.items():
			value = self.get(field)
			if value and frappe.db.get_value("Mutu Baku", value, "dokumen") != doctype:
				frappe.throw(
					_("Mutu Baku {0} bukan untuk {1}: pilih set Mutu Baku yang berlaku untuk {1}.").format(
						frappe.bold(value), doctype
					),
					title=_("Mutu Baku Tidak Sesuai"),
				)
		for field, doctype in WORKFLOW_FIELDS.items():
			value = self.get(field)
			if value and frappe.db.get_value("Workflow", value, "document_type") != doctype:
				frappe.throw(
					_("Workflow {0} bukan untuk {1}: pilih workflow dokumen {1}, atau kosongkan.").format(
						frappe.bold(value), doctype
					),
					title=_("Workflow Tidak Sesuai"),
				)

	def validate_service_hours(self):
		if not self.jam_layanan:
			return
		clock.check_service_hours(self.jam_layanan, self.zona_waktu or "Asia/Jakarta")

	def validate_urgencies(self):
		for row in self.sifat_disposisi:
			try:
				Duration.parse(row.jumlah, row.satuan)
			except ValueError as e:
				frappe.throw(
					_("Sifat Disposisi baris {0} ({1}): {2}").format(row.idx, row.sifat, _(str(e))),
					title=_("Batas Waktu Sifat Tidak Valid"),
				)
