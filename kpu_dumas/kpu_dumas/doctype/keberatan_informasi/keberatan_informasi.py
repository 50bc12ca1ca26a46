# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from kpu_dumas import clock, information, notify_informasi, pengaturan, stages
from kpu_dumas.core import information_clocks as ic
from kpu_dumas.core import information_rules as rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.tracking import new_tracking_code
from kpu_dumas.kerahasiaan import EncryptedFields
from kpu_dumas.numbering import issue_letter_number
from kpu_dumas.record import KpuRecord

MUTU_BAKU_FIELD = "mutu_baku_keberatan"


class KeberatanInformasi(EncryptedFields, KpuRecord):
	draft_state = rules.DIAJUKAN

	def onload(self):
		self.set_onload("tahap", stages.stage_intro(self))

	def before_insert(self):
		super().before_insert()
		if not self.kode_lacak:
			self.kode_lacak = new_tracking_code()

	def validate(self):
		clocks = self.clocks()
		self.validate_filing_window(clocks)
		self.set_answer_deadline(clocks)
		change = stages.state_change(self)
		if change:
			old_state, new_state = change
			self.validate_transition(old_state, new_state)
			self.on_state_entered(new_state, clocks)
			stages.record_state_change(
				self, old_state, new_state, MUTU_BAKU_FIELD, legal_due=self.legal_due(new_state)
			)
		else:
			stages.check_edit_rights(self, _("keberatan"))

	def on_update(self):
		notify_informasi.state_changed(self)

	def before_submit(self):
		if self.workflow_state not in (rules.SELESAI, rules.DIBATALKAN):
			frappe.throw(
				_("Keberatan hanya dapat dikunci melalui aksi Selesaikan atau Batalkan."),
				title=_("Belum Dapat Dikunci"),
			)

	def clocks(self) -> ic.InformationClocks:
		"""The objection follows the clocks of its request (election regime included)."""
		received, election = frappe.db.get_value(
			"Permohonan Informasi", self.permohonan, ["tanggal_diterima", "informasi_pemilu"]
		)
		return information.clocks_for(getdate(received), election)[0]

	def validate_filing_window(self, clocks):
		"""An objection is filed within 30 working days of its cause (UU 14/2008 Pasal 36 ayat 1)."""
		if not (self.is_new() or self.has_value_changed("tanggal_penyebab")):
			return
		in_time, deadline = information.objection_in_time(
			self.tanggal_penyebab, self.tanggal_diajukan, clocks
		)
		if not in_time:
			frappe.throw(
				_(
					"Keberatan tidak dapat diterima: diajukan lewat dari {0} hari kerja sejak {1}. Batas "
					"terakhir pengajuan adalah {2} (UU 14/2008 Pasal 36 ayat 1)."
				).format(
					clocks.objection_filing_days, format_date(self.tanggal_penyebab), format_date(deadline)
				),
				title=_("Melewati Batas Waktu Keberatan"),
			)

	def set_answer_deadline(self, clocks):
		if self.is_new() or self.has_value_changed("tanggal_diajukan"):
			self.batas_tanggapan = information.on_office_calendar(
				ic.objection_answer_due, self.tanggal_diajukan, clocks
			)

	def validate_transition(self, old_state, new_state):
		if old_state is None or not stages.transition_taken(self, old_state, new_state):
			return
		errors = rules.objection_transition_errors(new_state, self.as_dict())
		if errors:
			frappe.throw("<br>".join(_(e) for e in errors), title=_("Belum Dapat {0}").format(_(new_state)))

	def on_state_entered(self, new_state, clocks):
		now = clock.now()
		if new_state == rules.DITANGGAPI:
			self.tanggal_tanggapan = clock.office_today()
			self.batas_komisi_informasi = information.on_office_calendar(
				ic.komisi_informasi_deadline, now, clocks
			)
			if not self.nomor_tanggapan:
				code = pengaturan.get("kode_klasifikasi_ppid")
				self.nomor_tanggapan = issue_letter_number(code, self.tanggal_tanggapan)

	def legal_due(self, state):
		if state == rules.DIPROSES:
			return (self.batas_tanggapan, _("Tanggapan Atasan PPID (UU 14/2008 Pasal 36 ayat 2)"))
		if state == rules.DITANGGAPI:
			return (
				self.batas_komisi_informasi,
				_("Pengajuan ke Komisi Informasi (UU 14/2008 Pasal 37 ayat 2)"),
			)
		return None
