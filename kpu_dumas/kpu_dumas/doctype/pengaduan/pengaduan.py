# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from kpu_dumas import clock, duplicates, email_masuk, lapor, notify, pengaturan, stages
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.deadlines import Duration, Unit
from kpu_dumas.core.email_intake import identity_may_wait
from kpu_dumas.core.tracking import new_tracking_code
from kpu_dumas.numbering import issue_letter_number
from kpu_dumas.record import KpuRecord

MUTU_BAKU_FIELD = "mutu_baku_pengaduan"


# Letters numbered when the workflow produces them: state entered -> (number field, classification field).
LETTERS_ON_ENTRY = {
	rules.TERDAFTAR: ("nomor_tanda_terima", "kode_klasifikasi_tanda_terima"),  # Tanda Terima Pengaduan
	rules.PERLU_DILENGKAPI: ("nomor_surat_kelengkapan", "kode_klasifikasi_kelengkapan"),
	rules.DITELAAH: ("nomor_nota_dinas", "kode_klasifikasi_nota_dinas"),  # Nota Dinas to the Tim
	rules.DITANGGAPI: ("nomor_surat_tanggapan", "kode_klasifikasi_pengaduan"),  # Surat Tanggapan
	rules.DITERUSKAN: ("nomor_surat_penerusan", "kode_klasifikasi_penerusan"),  # Surat Penerusan
}
# A classification left empty in Pengaturan Kantor falls back to the response letter's.
FALLBACK_CLASSIFICATION = "kode_klasifikasi_pengaduan"


class Pengaduan(KpuRecord):
	draft_state = rules.DITERIMA

	def onload(self):
		self.set_onload("tahap", lapor.intro(self, stages.stage_intro(self)))

	def before_insert(self):
		# a complaint Frappe creates from a mail to the complaint address (or the mail is dropped)
		email_masuk.take_in(self, subject_field="perihal", body_field="uraian", evidence_table="bukti")
		super().before_insert()
		if not self.kode_lacak:
			self.kode_lacak = new_tracking_code()

	def validate(self):
		if self.imported:
			self.set_legal_deadlines()  # from the dates the register book carries
			stages.keep_timeliness(self, rules.PAUSE_STATES)
			return
		self.validate_reporter()
		self.flag_late_filing()
		self.set_legal_deadlines()
		lapor.validate(self)  # SP4N-LAPOR!: when it came, its deadlines, one complaint per ticket
		change = stages.state_change(self)
		self._state_change = change
		if change:
			old_state, new_state = change
			self.validate_transition(old_state, new_state)
			self.on_state_entered(old_state, new_state)
			stages.record_state_change(
				self, old_state, new_state, MUTU_BAKU_FIELD, pause_states=rules.PAUSE_STATES
			)
		else:
			stages.check_edit_rights(self, _("pengaduan"))
			stages.keep_timeliness(self, rules.PAUSE_STATES)  # time passes: a stage may be late by now

	def after_insert(self):
		email_masuk.attach_files(self)
		if not self.imported and not self.flags.duplicates_later:  # the portal checks after answering
			duplicates.flag(self)

	def on_communication_update(self, communication):
		"""A mail on the complaint's thread (Frappe's Email Account calls this for every Communication)."""
		email_masuk.on_communication(self, communication)
		self.notify_update()

	def on_update(self):
		change = getattr(self, "_state_change", None)
		if change:
			self._state_change = None
			if change[0] is not None:  # a new complaint has no assignments to close yet
				self.update_assignments(change[1])
			notify.state_changed(self, *change)

	def before_submit(self):
		"""Submitting happens only by moving into a final state of the workflow."""
		if self.workflow_state not in rules.FINAL_STATES:
			frappe.throw(
				_(
					"Pengaduan hanya dapat dikunci melalui aksi workflow yang mengakhirinya (Selesaikan, Tolak, Cabut, Batalkan, Gabungkan, Alihkan atau Teruskan ke Instansi)."
				),
				title=_("Belum Dapat Dikunci"),
			)

	# --- validation steps -------------------------------------------------------------------------

	def validate_reporter(self):
		"""Identity unless anonymous; an anonymous complaint holds no identity at all."""
		if self.anonim:
			if self.identitas_pelapor:
				frappe.throw(
					_(
						"Pengaduan anonim tidak boleh memuat identitas pelapor. Kosongkan kolom Identitas "
						"Pelapor atau hilangkan centang Anonim."
					),
					title=_("Identitas pada Pengaduan Anonim"),
				)
			self.rahasia = 0
			self.cek_identitas = self.cek_alamat = self.cek_surat_kuasa = 0
		elif (
			not self.identitas_pelapor
			and not self.flags.identity_pending
			and not identity_may_wait(self.email_pengirim, self.workflow_state)
		):
			frappe.throw(
				_(
					"Identitas pelapor wajib diisi kecuali pengaduan anonim. Pilih atau buat Identitas Pelapor "
					"di bagian Pelapor, atau centang Anonim bila pelapor tidak mencantumkan identitas."
				),
				title=_("Identitas Pelapor Belum Diisi"),
			)
		if self.kanal == "SP4N-LAPOR!" and rules.is_blank(self.nomor_tiket_lapor):
			frappe.throw(
				_("Pengaduan dari SP4N-LAPOR! wajib mencantumkan Nomor Tiket SP4N-LAPOR!."),
				title=_("Nomor Tiket Belum Diisi"),
			)

	def flag_late_filing(self):
		"""Filed more than N days after the service: warn and record; the officer decides."""
		limit = pengaturan.get("batas_pengajuan_hari") or 0
		late_by = rules.days_past_filing_window(
			getdate(self.tanggal_layanan) if self.tanggal_layanan else None,
			getdate(self.tanggal_diterima),
			limit,
		)
		was_flagged = self.melewati_batas_pengajuan
		self.melewati_batas_pengajuan = 1 if late_by else 0
		if late_by and not was_flagged:
			frappe.msgprint(
				_(
					"Pengaduan ini diajukan {0} hari melewati batas {1} hari setelah pelayanan "
					"(tanggal pelayanan {2}; UU 25/2009 Pasal 42 ayat 2). Hal ini dicatat; petugas "
					"memutuskan apakah pengaduan ditindaklanjuti."
				).format(late_by, limit, format_date(self.tanggal_layanan)),
				title=_("Melewati Batas Waktu Pengajuan"),
				indicator="orange",
			)

	def set_legal_deadlines(self):
		days = pengaturan.get("batas_tanggapan_awal_hari")
		if days and (self.is_new() or self.has_value_changed("tanggal_diterima")):
			self.batas_tanggapan_awal = clock.due(
				get_datetime(self.tanggal_diterima), Duration(days, Unit.CALENDAR_DAYS)
			)

	def validate_transition(self, old_state, new_state):
		if old_state is None:
			return
		if not stages.transition_taken(self, old_state, new_state):
			return  # Frappe's validate_workflow refuses it with its own error
		by_proxy = self.reporter_by_proxy()
		errors = rules.transition_errors(new_state, self.as_dict(), by_proxy=by_proxy)
		if new_state == rules.TERDAFTAR and by_proxy and not self.proxy_letter_attached():
			errors.append(
				_("Pengaduan melalui kuasa memerlukan surat kuasa: unggah di formulir Identitas Pelapor.")
			)
		if new_state == rules.SELESAI and self.selesai_di_lapor:
			errors += lapor.closing_errors(self)
		if errors:
			frappe.throw(
				"<br>".join(_(e) for e in errors),
				frappe.ValidationError,
				title=_("Belum Dapat {0}").format(_(new_state)),
			)

	def reporter_by_proxy(self) -> bool:
		if self.anonim or not self.identitas_pelapor:
			return False
		return bool(frappe.db.get_value("Identitas Pelapor", self.identitas_pelapor, "dikuasakan"))

	def proxy_letter_attached(self) -> bool:
		return bool(frappe.db.get_value("Identitas Pelapor", self.identitas_pelapor, "surat_kuasa"))

	# --- effects of entering a state ---------------------------------------------------------------

	def on_state_entered(self, old_state, new_state):
		now = clock.now()
		if new_state == rules.TERDAFTAR:
			days = pengaturan.get("batas_keputusan_hari")
			if days and not self.batas_keputusan:
				self.batas_keputusan = clock.due(now, Duration(days, Unit.CALENDAR_DAYS))
		elif new_state == rules.PERLU_DILENGKAPI:
			self.batas_kelengkapan = clock.due(now, stages.standard_for(MUTU_BAKU_FIELD, new_state))
		elif new_state == rules.DITANGGAPI:
			self.tanggal_tanggapan = clock.office_today()
			self.disetujui_oleh = frappe.session.user
		elif new_state == rules.DITERUSKAN:
			self.tanggal_penerusan = clock.office_today()
			self.alasan_tidak_ditindaklanjuti = self.alasan_tidak_ditindaklanjuti or rules.NOT_AUTHORISED
		self.issue_letter_for(new_state, clock.office_today())

	def issue_letter_for(self, state, on_date):
		"""A new number for the letter this state produces; a letter asked for again gets a new one."""
		if state not in LETTERS_ON_ENTRY:
			return
		number_field, classification_field = LETTERS_ON_ENTRY[state]
		if self.get(number_field) and state != rules.PERLU_DILENGKAPI:
			return  # one Tanda Terima, Nota Dinas and response letter per complaint, even after Kembalikan
		classification = pengaturan.get(classification_field) or pengaturan.get(FALLBACK_CLASSIFICATION)
		self.set(number_field, issue_letter_number(classification, on_date))

	def update_assignments(self, state):
		"""Close assignments of the previous stage; the examination team gets the Ditelaah stage."""
		from frappe.desk.form.assign_to import add, close_all_assignments

		close_all_assignments(self.doctype, self.name, ignore_permissions=True)
		if state == rules.DITELAAH and self.tim_pemeriksa:
			add(
				{
					"doctype": self.doctype,
					"name": self.name,
					"assign_to": [row.anggota for row in self.tim_pemeriksa],
					"description": _("Telaah dan periksa pengaduan {0}: {1}").format(self.name, self.perihal),
				},
				ignore_permissions=True,
			)
