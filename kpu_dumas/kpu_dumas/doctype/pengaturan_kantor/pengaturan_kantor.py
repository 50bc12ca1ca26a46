# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpu_dumas import clock, statistik
from kpu_dumas.core.numbering import validate_pattern
from kpu_dumas.core.statistik import parse_years


class PengaturanKantor(Document):
	def validate(self):
		self.validate_service_hours()
		self.validate_letter_pattern()
		self.validate_statistics_years()

	def on_update(self):
		statistik.settings_changed(self)

	def validate_service_hours(self):
		if not self.jam_layanan:
			frappe.throw(
				_("Isi paling sedikit satu baris Jam Layanan: batas waktu dihitung dari jam layanan kantor."),
				title=_("Jam Layanan Kosong"),
			)
		clock.check_service_hours(self.jam_layanan, self.zona_waktu)

	def validate_letter_pattern(self):
		try:
			validate_pattern(self.pola_nomor_surat)
		except ValueError as e:
			frappe.throw(_(str(e)), title=_("Pola Nomor Surat Tidak Valid"))

	def validate_statistics_years(self):
		try:
			years = parse_years(self.tahun_statistik)
		except ValueError as e:
			frappe.throw(_(str(e)), title=_("Tahun Statistik Tidak Valid"))
		self.tahun_statistik = ", ".join(str(y) for y in years)
