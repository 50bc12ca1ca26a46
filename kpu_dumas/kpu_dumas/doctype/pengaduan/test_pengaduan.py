# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import frappe
import frappe.desk.form.load
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from kpu_dumas import clock
from kpu_dumas.tasks import sweep_overdue
from kpu_dumas.tests.utils import (
	COMPLETE,
	act,
	advance,
	as_user,
	at_office,
	make_all_users,
	make_identitas,
	make_pengaduan,
	office,
)

WORKFLOW = json.loads(
	(Path(__file__).resolve().parents[2] / "workflow" / "alur_pengaduan.json").read_text(encoding="utf-8")
)

# What each action needs before it may be taken (saved by the acting user first).
ACTION_FIELDS = {
	"Registrasi": COMPLETE,
	"Minta Kelengkapan": {"kekurangan": "Salinan KTP belum dilampirkan."},
	"Tolak": {"alasan_tidak_ditindaklanjuti": "Melewati batas waktu pengajuan"},
	"Teruskan ke Instansi": {"diteruskan_ke": "Ombudsman RI"},
	"Cabut": {"alasan_pencabutan": "Pelapor mencabut pengaduan secara tertulis."},
	"Dilengkapi": {},
	"Teruskan": {},
	"Ajukan Rekomendasi": {
		"hasil_telaah": "Terbukti antrean melebihi standar.",
		"kesimpulan": "Terbukti",
		"jenis_rekomendasi": "Perbaikan Layanan",
		"rekomendasi": "Tambah loket.",
	},
	"Kembalikan": {},
	"Setujui": {"tanggapan": "<p>Loket tambahan dibuka.</p>"},
	"Selesaikan": {"media_tanggapan": "Surat"},
	"Batalkan": {"alasan_pembatalan": "Tercatat ganda dengan pengaduan lain."},
}
ROLE_USER = {
	"Petugas Penerima Aduan": "petugas",
	"Tim Pemeriksa Pengaduan": "tim",
	"Pejabat Yang Berwenang": "pyb",
	"Kasubag Hukum dan SDM": "kasubag",
}
# A user who can read complaints but does not hold the transition's role.
OTHER_USER = {"petugas": "tim", "tim": "petugas", "pyb": "petugas", "kasubag": "tim"}


class PengaduanTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		clock.clear_calendar_cache()

	def bring_to(self, state: str):
		"""A fresh complaint in `state` (via Perlu Dilengkapi for that state), with the Tim user on its
		team (need to know: the Tim reads only its own cases)."""
		doc = make_pengaduan(tim_pemeriksa=[{"anggota": self.users["tim"]}])
		if state == "Perlu Dilengkapi":
			return act(doc, "Minta Kelengkapan", self.users["petugas"], **ACTION_FIELDS["Minta Kelengkapan"])
		return advance(doc, state, self.users)


class TestWorkflowTransitions(PengaduanTestCase):
	def test_every_transition_succeeds_for_its_role_and_fails_for_another(self):
		for t in WORKFLOW["transitions"]:
			with self.subTest(state=t["state"], action=t["action"], role=t["allowed"]):
				doc = self.bring_to(t["state"])
				self.assertEqual(doc.workflow_state, t["state"])
				if t.get("condition"):
					# Gabungkan and Alihkan go through kpu_dumas.api.jalur (tests/test_jalur); the workflow
					# menu never offers them, to any role, while the link they need is empty.
					with (
						as_user(self.users[ROLE_USER[t["allowed"]]]),
						self.assertRaises(WorkflowTransitionError),
					):
						apply_workflow(frappe.get_doc("Pengaduan", doc.name), t["action"])
					continue
				right = ROLE_USER[t["allowed"]]
				wrong = self.users[OTHER_USER[right]]
				with as_user(wrong), self.assertRaises(WorkflowTransitionError):
					apply_workflow(frappe.get_doc("Pengaduan", doc.name), t["action"])
				self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "workflow_state"), t["state"])

				doc = act(doc, t["action"], self.users[right], **ACTION_FIELDS[t["action"]])
				self.assertEqual(doc.workflow_state, t["next_state"])

	def test_final_states_are_submitted_and_locked(self):
		done = advance(make_pengaduan(), "Selesai", self.users)
		refused = act(make_pengaduan(), "Tolak", self.users["petugas"], **ACTION_FIELDS["Tolak"])
		withdrawn = act(make_pengaduan(), "Cabut", self.users["petugas"], **ACTION_FIELDS["Cabut"])
		for doc, state in ((done, "Selesai"), (refused, "Tidak Ditindaklanjuti"), (withdrawn, "Dicabut")):
			self.assertEqual(doc.workflow_state, state)
			self.assertEqual(doc.docstatus, 1)
		done.uraian = "diubah setelah selesai"
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			done.save(ignore_permissions=True)

	def test_only_the_role_owning_the_state_may_edit(self):
		doc = make_pengaduan(tim_pemeriksa=[{"anggota": self.users["tim"]}])
		with as_user(self.users["tim"]):
			doc = frappe.get_doc("Pengaduan", doc.name)
			doc.hasil_telaah = "mencoba mengubah sebelum diteruskan"
			with self.assertRaises(frappe.PermissionError) as ctx:
				doc.save()
		self.assertIn("hanya dapat diubah oleh peran: Petugas Penerima Aduan", str(ctx.exception))
		doc = advance(frappe.get_doc("Pengaduan", doc.name), "Ditelaah", self.users)
		with as_user(self.users["tim"]):
			doc = frappe.get_doc("Pengaduan", doc.name)
			doc.hasil_telaah = "telaah awal"
			doc.save()
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "hasil_telaah"), "telaah awal")


class TestTransitionConditions(PengaduanTestCase):
	def assert_refused(self, doc, action, user_key, message, **fields):
		state = doc.workflow_state
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(doc, action, self.users[user_key], **fields)
		self.assertIn(message, str(ctx.exception))
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "workflow_state"), state)

	def test_registrasi_needs_a_complete_checklist(self):
		doc = make_pengaduan()
		self.assert_refused(
			doc, "Registrasi", "petugas", "Registrasi hanya dapat dilakukan bila berkas lengkap", cek_uraian=1
		)

	def test_registrasi_with_proxy_needs_the_surat_kuasa_item(self):
		ident = make_identitas(
			dikuasakan=1, nama_kuasa="Budi Kuasa", surat_kuasa="/private/files/surat-kuasa-uji.pdf"
		)
		doc = make_pengaduan(identitas=ident)
		self.assert_refused(doc, "Registrasi", "petugas", "surat kuasa", **COMPLETE)
		doc = act(doc, "Registrasi", self.users["petugas"], cek_surat_kuasa=1)
		self.assertEqual(doc.workflow_state, "Terdaftar")

	def test_tolak_needs_a_reason(self):
		self.assert_refused(make_pengaduan(), "Tolak", "petugas", "Alasan Tidak Ditindaklanjuti")

	def test_minta_kelengkapan_needs_the_missing_items(self):
		self.assert_refused(
			make_pengaduan(), "Minta Kelengkapan", "petugas", "Kekurangan yang Harus Dilengkapi"
		)

	def test_cabut_needs_a_reason(self):
		self.assert_refused(make_pengaduan(), "Cabut", "petugas", "Alasan Pencabutan")

	def test_ajukan_rekomendasi_needs_result_and_recommendation(self):
		doc = self.bring_to("Ditelaah")
		self.assert_refused(doc, "Ajukan Rekomendasi", "tim", "Hasil Telaah dan Pemeriksaan")
		self.assert_refused(
			doc, "Ajukan Rekomendasi", "tim", "Uraian Rekomendasi", hasil_telaah="ada", kesimpulan="Terbukti"
		)

	def test_setujui_needs_the_response_text(self):
		doc = self.bring_to("Rekomendasi")
		self.assert_refused(doc, "Setujui", "pyb", "Isi Tanggapan kepada Pelapor", tanggapan="<p><br></p>")

	def test_selesaikan_needs_the_delivery_medium(self):
		doc = self.bring_to("Ditanggapi")
		self.assert_refused(doc, "Selesaikan", "petugas", "Disampaikan melalui")


class TestReporterValidation(PengaduanTestCase):
	def test_identity_required_unless_anonymous(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			frappe.get_doc({"doctype": "Pengaduan", "perihal": "x", "kanal": "Surat", "uraian": "y"}).insert(
				ignore_permissions=True
			)
		self.assertIn("Identitas pelapor wajib diisi kecuali pengaduan anonim", str(ctx.exception))

	def test_anonymous_complaint_stores_no_identity(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_pengaduan(anonim=True, identitas_pelapor=make_identitas().name)
		self.assertIn("Pengaduan anonim tidak boleh memuat identitas", str(ctx.exception))
		doc = make_pengaduan(anonim=True, rahasia=True)
		self.assertFalse(doc.identitas_pelapor)
		self.assertEqual(doc.rahasia, 0)
		# An anonymous file needs no identity or address item to be registered.
		doc = act(doc, "Registrasi", self.users["petugas"], cek_uraian=1, cek_bukti=1, cek_kewenangan=1)
		self.assertEqual(doc.workflow_state, "Terdaftar")

	def test_identity_formats(self):
		cases = [
			({"nomor_identitas": "750301450190000"}, "NIK harus 16 digit"),
			({"email": "siti@contoh"}, "email"),
			({"telepon": "12345"}, "telepon"),
			({"dikuasakan": 1, "nama_kuasa": "Budi"}, "surat kuasa"),
		]
		for values, message in cases:
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError) as ctx:
				make_identitas(**values)
			self.assertIn(message.lower(), str(ctx.exception).lower())
		ok = make_identitas(nomor_identitas="7503 0145 0190 0002", telepon="0812-3456-7890")
		self.assertEqual(ok.nomor_identitas, "7503014501900002")
		self.assertEqual(ok.telepon, "081234567890")

	def test_sp4n_lapor_needs_its_ticket_number(self):
		with self.assertRaises(frappe.ValidationError):
			make_pengaduan(kanal="SP4N-LAPOR!")
		doc = make_pengaduan(kanal="SP4N-LAPOR!", nomor_tiket_lapor="LAPOR-2025-123456")
		self.assertEqual(doc.nomor_tiket_lapor, "LAPOR-2025-123456")

	def test_late_filing_warns_and_is_recorded(self):
		frappe.clear_messages()
		received = get_datetime("2025-09-15 09:00:00")
		doc = make_pengaduan(
			tanggal_diterima=received, tanggal_layanan=(received - timedelta(days=40)).date()
		)
		self.assertEqual(doc.melewati_batas_pengajuan, 1)
		self.assertIn("melewati batas 30 hari", " ".join(str(m) for m in frappe.get_message_log()))
		on_time = make_pengaduan(
			tanggal_diterima=received, tanggal_layanan=(received - timedelta(days=30)).date()
		)
		self.assertEqual(on_time.melewati_batas_pengajuan, 0)
		self.assertEqual(on_time.workflow_state, "Diterima")


class TestNumbering(PengaduanTestCase):
	def test_registration_numbers_are_sequential_and_never_duplicated(self):
		a, b = make_pengaduan(), make_pengaduan()
		self.assertRegex(a.name, r"^DUMAS-\d{4}-\d{5}$")
		self.assertEqual(int(b.name[-5:]), int(a.name[-5:]) + 1)
		dup = frappe.get_doc(
			{
				"doctype": "Pengaduan",
				"perihal": "duplikat",
				"kanal": "Surat",
				"uraian": "x",
				"anonim": 1,
			}
		)
		with self.assertRaises(frappe.DuplicateEntryError):
			dup.insert(ignore_permissions=True, set_name=a.name)

	def test_response_letter_number_issued_once_at_setujui(self):
		one = self.bring_to("Ditanggapi")
		two = self.bring_to("Ditanggapi")
		pattern = r"^\d+/HM\.02-SD/[^/]*/KPU-Kab/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)/\d{4}$"
		self.assertRegex(one.nomor_surat_tanggapan, pattern)
		self.assertNotEqual(one.nomor_surat_tanggapan, two.nomor_surat_tanggapan)
		self.assertEqual(one.disetujui_oleh, self.users["pyb"])
		done = act(one, "Selesaikan", self.users["petugas"], media_tanggapan="Surat")
		self.assertEqual(done.nomor_surat_tanggapan, one.nomor_surat_tanggapan)


class TestStageHistory(PengaduanTestCase):
	def test_rows_record_who_role_due_spent_and_status(self):
		# Received Friday 12 Sep 2025, 10:45 WITA: 30 working minutes -> due 14:15 (Friday break 11-14).
		with self.freeze_time(office(2025, 9, 12, 10, 45)):
			doc = make_pengaduan(tanggal_diterima=office(2025, 9, 12, 10, 45))
		with self.freeze_time(office(2025, 9, 12, 14, 30)):
			doc = act(doc, "Registrasi", self.users["petugas"], **COMPLETE)
		with self.freeze_time(office(2025, 9, 12, 14, 35)):
			doc = act(doc, "Teruskan", self.users["petugas"])

		diterima, terdaftar, ditelaah = doc.riwayat_tahap
		self.assertEqual(at_office(diterima.batas_waktu), datetime(2025, 9, 12, 14, 15))
		self.assertEqual(diterima.mutu_baku, "30 menit")
		self.assertEqual(diterima.peran, "Petugas Penerima Aduan")
		self.assertEqual(diterima.oleh, self.users["petugas"])
		self.assertEqual(diterima.peran_pelaku, "Petugas Penerima Aduan")
		self.assertEqual(diterima.aksi, "Registrasi")
		self.assertEqual(diterima.waktu_kerja_menit, 45)  # 10:45-11:00 and 14:00-14:30
		self.assertEqual(diterima.status, "Terlambat")

		self.assertEqual(at_office(terdaftar.batas_waktu), datetime(2025, 9, 12, 14, 40))
		self.assertEqual(terdaftar.waktu_kerja_menit, 5)
		self.assertEqual(terdaftar.status, "Tepat Waktu")
		self.assertEqual(terdaftar.aksi, "Teruskan")

		self.assertEqual(ditelaah.tahap, "Ditelaah")
		self.assertIsNone(ditelaah.batas_waktu)  # Pohuwato: "menyesuaikan"
		self.assertEqual(ditelaah.status, "Tanpa Batas")
		self.assertEqual(ditelaah.peran, "Tim Pemeriksa Pengaduan")
		self.assertFalse(ditelaah.keluar)

		# Legal clocks: first response within 14 days of receipt, decision within 60 days of registration.
		self.assertEqual(at_office(doc.batas_tanggapan_awal), datetime(2025, 9, 26, 23, 59, 59))
		self.assertEqual(at_office(doc.batas_keputusan), datetime(2025, 11, 11, 23, 59, 59))

	def test_form_header_names_the_stage_and_its_due_time_in_indonesian(self):
		with self.freeze_time(office(2025, 9, 12, 10, 45)):
			doc = make_pengaduan(tanggal_diterima=office(2025, 9, 12, 10, 45))
			with as_user(self.users["petugas"]):
				frappe.desk.form.load.getdoc("Pengaduan", doc.name)
			intro = frappe.response.docs[-1].get_onload()["tahap"]
		self.assertEqual(
			intro["text"],
			"Tahap Diterima (Petugas Penerima Aduan): batas waktu 12 September 2025 pukul 14.15 WITA. "
			"Mutu baku: 30 menit.",
		)
		self.assertEqual(intro["color"], "blue")

	def test_waiting_on_the_reporter_pauses_the_clock(self):
		# Monday 15 Sep 2025 08:00: due 08:30. 10 minutes used, then 3 working days waiting on the reporter.
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			doc = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 8, 0))
		with self.freeze_time(office(2025, 9, 15, 8, 10)):
			doc = act(doc, "Minta Kelengkapan", self.users["petugas"], kekurangan="Bukti foto antrean.")
		self.assertEqual(at_office(doc.batas_kelengkapan), datetime(2025, 10, 15, 23, 59, 59))
		with self.freeze_time(office(2025, 9, 18, 8, 0)):
			doc = act(doc, "Dilengkapi", self.users["petugas"])

		first, paused, resumed = doc.riwayat_tahap
		self.assertEqual(paused.tahap, "Perlu Dilengkapi")
		self.assertEqual(at_office(first.batas_waktu), datetime(2025, 9, 15, 8, 30))
		# 20 minutes were left when the clock stopped; it restarts Thursday 08:00.
		self.assertEqual(at_office(resumed.batas_waktu), datetime(2025, 9, 18, 8, 20))

	def test_office_hours_and_holidays_change_only_stages_started_afterwards(self):
		settings = frappe.get_single("Pengaturan Kantor")
		original = [r.as_dict() for r in settings.jam_layanan]
		try:
			with self.freeze_time(office(2025, 9, 15, 8, 0)):
				before = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 8, 0))
			for row in settings.jam_layanan:
				if row.hari == "Senin":
					row.jam_mulai = "09:00:00"
			settings.save()
			frappe.get_doc(
				{
					"doctype": "Hari Libur Kantor",
					"tanggal": "2025-09-16",
					"keterangan": "Libur lokal uji",
					"jenis": "Libur Lokal",
				}
			).insert()
			with self.freeze_time(office(2025, 9, 15, 8, 0)):
				after = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 8, 0))
			with self.freeze_time(office(2025, 9, 15, 15, 50)):
				late_monday = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 15, 50))
		finally:
			settings.reload()
			settings.set(
				"jam_layanan", [{k: r[k] for k in ("hari", "jam_mulai", "jam_selesai")} for r in original]
			)
			settings.save()
			frappe.delete_doc_if_exists("Hari Libur Kantor", "2025-09-16")
			clock.clear_calendar_cache()
		self.assertEqual(at_office(before.riwayat_tahap[0].batas_waktu), datetime(2025, 9, 15, 8, 30))
		self.assertEqual(at_office(after.riwayat_tahap[0].batas_waktu), datetime(2025, 9, 15, 9, 30))
		# 10 minutes on Monday, Tuesday is now a holiday: 20 minutes more on Wednesday.
		self.assertEqual(at_office(late_monday.riwayat_tahap[0].batas_waktu), datetime(2025, 9, 17, 8, 20))
		self.assertEqual(
			at_office(before.reload().riwayat_tahap[0].batas_waktu), datetime(2025, 9, 15, 8, 30)
		)

	def test_the_agam_time_standards_can_be_switched_on(self):
		frappe.db.set_single_value("Pengaturan Kantor", "mutu_baku_pengaduan", "Pengaduan - Agam 2023")
		try:
			with self.freeze_time(office(2025, 9, 15, 10, 0)):
				doc = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 10, 0))
		finally:
			frappe.db.set_single_value(
				"Pengaturan Kantor", "mutu_baku_pengaduan", "Pengaduan - Pohuwato 2025"
			)
		row = doc.riwayat_tahap[0]
		self.assertEqual(row.mutu_baku, "1 hari kerja")
		self.assertEqual(at_office(row.batas_waktu), datetime(2025, 9, 16, 16, 0))


class TestOverdueSweep(PengaduanTestCase):
	def test_marks_a_late_stage_and_tells_the_responsible_role_once(self):
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			doc = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 8, 0))
		with self.freeze_time(office(2025, 9, 15, 9, 0)), as_user("Administrator"):
			sweep_overdue()
			sweep_overdue()
		row = frappe.get_doc("Pengaduan", doc.name).riwayat_tahap[0]
		self.assertEqual(row.status, "Terlambat")
		self.assertEqual(row.terlambat_diberitahukan, 1)
		notices = frappe.get_all(
			"Notification Log",
			filters={
				"document_type": "Pengaduan",
				"document_name": doc.name,
				"for_user": self.users["petugas"],
			},
			fields=["subject"],
		)
		self.assertEqual(len(notices), 1)
		self.assertIn("melewati batas waktu", notices[0].subject)
		self.assertIn("15 September 2025 pukul 08.30 WITA", notices[0].subject)
		# The examination team is not told about the officer's stage.
		self.assertFalse(
			frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": self.users["tim"]})
		)

	def test_assigned_team_is_notified_and_assignments_follow_the_stage(self):
		doc = make_pengaduan(tim_pemeriksa=[{"anggota": self.users["tim"]}])
		doc = advance(doc, "Ditelaah", self.users)
		todo = {"reference_type": "Pengaduan", "reference_name": doc.name, "allocated_to": self.users["tim"]}
		self.assertEqual(frappe.db.get_value("ToDo", todo, "status"), "Open")
		doc = advance(doc, "Rekomendasi", self.users)
		self.assertEqual(frappe.db.get_value("ToDo", todo, "status"), "Closed")

	def test_incomplete_file_is_withdrawn_after_30_days(self):
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			doc = make_pengaduan(tanggal_diterima=office(2025, 9, 15, 8, 0))
			doc = act(doc, "Minta Kelengkapan", self.users["petugas"], kekurangan="Salinan KTP.")
		with self.freeze_time(office(2025, 10, 15, 23, 0)), as_user("Administrator"):
			sweep_overdue()
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "workflow_state"), "Perlu Dilengkapi")
		with self.freeze_time(office(2025, 10, 16, 8, 0)), as_user("Administrator"):
			sweep_overdue()
		doc.reload()
		self.assertEqual(doc.workflow_state, "Dicabut")
		self.assertEqual(doc.docstatus, 1)
		self.assertIn("Pasal 44", doc.alasan_pencabutan)
		self.assertEqual(doc.riwayat_tahap[-2].status, "Terlambat")
		self.assertTrue(re.search("Cabut", doc.riwayat_tahap[-2].aksi or ""))


class TestLettersAndTrackingCode(PengaduanTestCase):
	def test_each_letter_gets_its_own_number_once(self):
		doc = self.bring_to("Ditanggapi")
		numbers = [doc.nomor_tanda_terima, doc.nomor_nota_dinas, doc.nomor_surat_tanggapan]
		self.assertTrue(all(numbers))
		self.assertEqual(len(set(numbers)), 3)
		doc = act(doc, "Selesaikan", self.users["petugas"], media_tanggapan="Email")
		self.assertEqual([doc.nomor_tanda_terima, doc.nomor_nota_dinas, doc.nomor_surat_tanggapan], numbers)

	def test_tracking_code_is_stored_encrypted_and_never_listed(self):
		doc = make_pengaduan()
		code = doc.get_password("kode_lacak")
		self.assertRegex(code, r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
		self.assertNotEqual(frappe.db.get_value("Pengaduan", doc.name, "kode_lacak"), code)
		with as_user(self.users["petugas"]):
			self.assertNotIn(code, json.dumps(frappe.client.get("Pengaduan", doc.name), default=str))
