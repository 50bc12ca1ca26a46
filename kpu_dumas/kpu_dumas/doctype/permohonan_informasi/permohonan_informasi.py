# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from kpu_dumas import clock, email_masuk, information, notify_informasi, pengaturan, stages
from kpu_dumas.core import information_clocks as ic
from kpu_dumas.core import information_letters
from kpu_dumas.core import information_rules as rules
from kpu_dumas.core.identity import email_error, nik_error, normalize_nik, normalize_phone, phone_error
from kpu_dumas.core.tracking import new_tracking_code
from kpu_dumas.kerahasiaan import EncryptedFields
from kpu_dumas.numbering import issue_letter_number
from kpu_dumas.record import KpuRecord

MUTU_BAKU_FIELD = "mutu_baku_permohonan"

# Letters numbered when the workflow produces them: state entered -> number field.
LETTERS_ON_ENTRY = {
	rules.TERDAFTAR: "nomor_tanda_bukti",  # Tanda Bukti Penerimaan Permohonan
	rules.DIPERPANJANG: "nomor_surat_perpanjangan",  # Surat Perpanjangan Jangka Waktu
	rules.PEMBERITAHUAN: "nomor_pemberitahuan",  # Pemberitahuan Tertulis
	rules.SELESAI: "nomor_surat_balasan",  # Surat Balasan, when granted information is handed over
}


class PermohonanInformasi(EncryptedFields, KpuRecord):
	draft_state = rules.DIAJUKAN

	def onload(self):
		self.set_onload("tahap", stages.stage_intro(self))

	def before_insert(self):
		# a request Frappe creates from a mail to the PPID address (or the mail is dropped); received
		# (tanggal_diterima defaults to now) and numbered on receipt, UU 14/2008 Pasal 22 ayat 4
		email_masuk.take_in(self, subject_field="subjek_email", body_field="informasi_diminta")
		super().before_insert()
		if not self.kode_lacak:
			self.kode_lacak = new_tracking_code()

	def validate(self):
		if self.imported:
			self.set_notice_deadline()  # from the dates the register book carries
			return
		self.validate_requester()
		self.validate_information_kind()
		self.set_notice_deadline()
		change = stages.state_change(self)
		if change:
			old_state, new_state = change
			self.validate_transition(old_state, new_state)
			self.on_state_entered(new_state)
			stages.record_state_change(
				self, old_state, new_state, MUTU_BAKU_FIELD, legal_due=self.legal_due(new_state)
			)
		else:
			stages.check_edit_rights(self, _("permohonan informasi"))

	def after_insert(self):
		email_masuk.attach_files(self)

	def on_update(self):
		if not self.imported:
			notify_informasi.state_changed(self)

	def on_communication_update(self, communication):
		"""A mail on the request's thread (Frappe's Email Account calls this for every Communication)."""
		email_masuk.on_communication(self, communication)
		self.notify_update()

	def before_submit(self):
		if self.workflow_state not in (rules.SELESAI, rules.DIBATALKAN, rules.DIALIHKAN):
			frappe.throw(
				_(
					"Permohonan hanya dapat dikunci melalui aksi Serahkan, Batalkan atau Alihkan ke Pengaduan."
				),
				title=_("Belum Dapat Dikunci"),
			)

	# --- validation steps -------------------------------------------------------------------------

	def validate_information_kind(self):
		"""A kind the office has retired stays on the requests that have it, but is not chosen anew."""
		if not self.jenis_informasi or not self.has_value_changed("jenis_informasi"):
			return
		if not frappe.db.get_value("Jenis Informasi", self.jenis_informasi, "aktif"):
			frappe.throw(
				_(
					"Jenis Informasi '{0}' tidak aktif lagi. Pilih jenis lain, atau aktifkan kembali jenis "
					"ini di daftar Jenis Informasi."
				).format(self.jenis_informasi),
				title=_("Jenis Informasi Tidak Aktif"),
			)

	def validate_requester(self):
		errors = rules.requester_errors(self.as_dict())
		if self.jenis_identitas == "KTP" and not self.identity_pending():
			self.nomor_identitas = normalize_nik(self.nomor_identitas)
			errors += [e for e in [nik_error(self.nomor_identitas)] if e]
		if self.telepon:
			self.telepon = normalize_phone(self.telepon)
			errors += [e for e in [phone_error(self.telepon)] if e]
		if self.email:
			self.email = self.email.strip()
			errors += [e for e in [email_error(self.email)] if e]
		if errors:
			frappe.throw("<br>".join(_(e) for e in errors), title=_("Data Pemohon Belum Benar"))

	def identity_pending(self) -> bool:
		"""A request that came by email waits, while Diajukan, for the desk to record the identity."""
		return (
			bool(self.subjek_email)
			and self.workflow_state in (None, "", rules.DIAJUKAN)
			and not self.nomor_identitas
		)

	def set_notice_deadline(self):
		"""10 working days from receipt (3 in the election-stage regime), fixed when the request is received."""
		if not (
			self.is_new()
			or self.has_value_changed("tanggal_diterima")
			or self.has_value_changed("informasi_pemilu")
		):
			return
		clocks, applies = information.clocks_for(getdate(self.tanggal_diterima), self.informasi_pemilu)
		self.rezim_pemilu = 1 if applies else 0
		self.batas_pemberitahuan = information.on_office_calendar(
			ic.notice_due, self.tanggal_diterima, clocks
		)

	def validate_transition(self, old_state, new_state):
		if old_state is None or not stages.transition_taken(self, old_state, new_state):
			return
		errors = rules.request_transition_errors(new_state, self.as_dict(), old_state)
		if errors:
			frappe.throw("<br>".join(_(e) for e in errors), title=_("Belum Dapat {0}").format(_(new_state)))

	# --- effects of entering a state ---------------------------------------------------------------

	def on_state_entered(self, new_state):
		today = clock.office_today()
		if new_state == rules.DIPERPANJANG:
			clocks, _applies = information.clocks_for(getdate(self.tanggal_diterima), self.informasi_pemilu)
			self.batas_perpanjangan = information.on_office_calendar(
				ic.extended_due, self.batas_pemberitahuan, clocks
			)
		if new_state == rules.PEMBERITAHUAN:
			self.tanggal_pemberitahuan = today
		field = LETTERS_ON_ENTRY.get(new_state)
		if new_state == rules.SELESAI and self.keputusan not in information_letters.GRANTED:
			field = None  # nothing handed over, no Surat Balasan
		if field and not self.get(field):
			code = pengaturan.get("kode_klasifikasi_ppid")
			self.set(field, issue_letter_number(code, today))

	def legal_due(self, state):
		"""The written-notice deadline is the law's, counted from receipt, unless the office's own standard
		for Diproses (a preset's Mutu Baku) falls due sooner."""
		if state == rules.DIPROSES:
			legal = (self.batas_pemberitahuan, _("Pemberitahuan tertulis (UU 14/2008 Pasal 22 ayat 7)"))
			return stages.sooner_standard(MUTU_BAKU_FIELD, state, legal)
		if state == rules.DIPERPANJANG:
			return (self.batas_perpanjangan, _("Perpanjangan (UU 14/2008 Pasal 22 ayat 8)"))
		return None
