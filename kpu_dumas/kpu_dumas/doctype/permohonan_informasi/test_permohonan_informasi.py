# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

import json
from datetime import datetime
from pathlib import Path

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from kpu_dumas import clock
from kpu_dumas.tasks import sweep_overdue
from kpu_dumas.tests.utils import (
	GRANTED_NOTICE,
	act,
	as_user,
	at_office,
	make_all_users,
	make_permohonan,
	office,
)

WORKFLOW = json.loads(
	(Path(__file__).resolve().parents[2] / "workflow" / "alur_permohonan_informasi.json").read_text(
		encoding="utf-8"
	)
)
ACTION_FIELDS = {
	"Registrasi": {},
	"Teruskan": {},
	"Tolak": {
		"keputusan": "Ditolak",
		"pasal_pengecualian": "Pasal 17 huruf h",
		"uji_konsekuensi": "Data pribadi.",
	},
	"Perpanjang": {"alasan_perpanjangan": "Dokumen berada di arsip provinsi."},
	"Putuskan": GRANTED_NOTICE,
	"Serahkan": {
		"diserahkan_melalui": "Email",
		"tanggal_diserahkan": clock.office_today(),  # not before today's written notice (office day)
		"nomor_ekspedisi": "EKS-12",
	},
	"Batalkan": {"alasan_pembatalan": "Tercatat ganda dengan permohonan lain."},
}
PATH = {
	"Diajukan": ("Registrasi", "desk"),
	"Terdaftar": ("Teruskan", "desk"),
	"Diproses": ("Putuskan", "ppid"),
	"Diperpanjang": ("Putuskan", "ppid"),
	"Pemberitahuan": ("Serahkan", "desk"),
}
ROLE_USER = {"Petugas Desk Informasi": "desk", "PPID": "ppid", "Atasan PPID": "atasan"}
# Atasan PPID reads requests but holds none of their transitions.
OTHER_USER = {"desk": "atasan", "ppid": "atasan"}


class InformasiTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		clock.clear_calendar_cache()

	def bring_to(self, state):
		doc = make_permohonan()
		if state == "Diperpanjang":
			doc = self.bring_to("Diproses")
			return act(doc, "Perpanjang", self.users["ppid"], **ACTION_FIELDS["Perpanjang"])
		while doc.workflow_state != state:
			action, who = PATH[doc.workflow_state]
			doc = act(doc, action, self.users[who], **ACTION_FIELDS[action])
		return doc


class TestPermohonanWorkflow(InformasiTestCase):
	def test_every_transition_succeeds_for_its_role_and_fails_for_another(self):
		for t in WORKFLOW["transitions"]:
			with self.subTest(state=t["state"], action=t["action"], role=t["allowed"]):
				if t.get("condition"):
					# Alihkan ke Pengaduan goes through kpu_dumas.api.jalur (tests/test_jalur); the workflow
					# menu never offers it while the link it needs is empty.
					waiting = self.bring_to(t["state"])
					with (
						as_user(self.users[ROLE_USER[t["allowed"]]]),
						self.assertRaises(WorkflowTransitionError),
					):
						apply_workflow(frappe.get_doc(waiting.doctype, waiting.name), t["action"])
					continue
				doc = self.bring_to(t["state"])
				right = ROLE_USER[t["allowed"]]
				with as_user(self.users[OTHER_USER[right]]), self.assertRaises(WorkflowTransitionError):
					apply_workflow(frappe.get_doc(doc.doctype, doc.name), t["action"])
				doc = act(doc, t["action"], self.users[right], **ACTION_FIELDS[t["action"]])
				self.assertEqual(doc.workflow_state, t["next_state"])
		done = frappe.get_doc("Permohonan Informasi", doc.name)
		self.assertEqual(done.docstatus, 1)

	def test_each_decision_requires_what_the_written_notice_must_state(self):
		cases = {
			"Dikabulkan Seluruhnya": (
				"informasi yang diberikan",
				{
					"informasi_diberikan": "x",
					"bentuk_informasi": "Softcopy",
					"waktu_penyerahan": "2026-03-20",
				},
			),
			"Dikabulkan Sebagian": (
				"bagian yang dihitamkan",
				{
					**GRANTED_NOTICE,
					"keputusan": "Dikabulkan Sebagian",
					"pasal_pengecualian": "Pasal 17 huruf h",
					"uji_konsekuensi": "x",
					"bagian_dihitamkan": "NIK pemilih",
				},
			),
			"Ditolak": (
				"uji konsekuensi",
				{"pasal_pengecualian": "Pasal 17 huruf h", "uji_konsekuensi": "Data pribadi pemilih."},
			),
			"Informasi Tidak Dikuasai": ("badan publik", {"badan_publik_penguasa": "KPU Provinsi Gorontalo"}),
			"Informasi Belum Didokumentasikan": ("perkiraan waktu", {"perkiraan_dokumentasi": "2026-06-30"}),
		}
		for decision, (missing, complete) in cases.items():
			with self.subTest(decision=decision):
				doc = self.bring_to("Diproses")
				with self.assertRaises(frappe.ValidationError) as ctx:
					act(doc, "Putuskan", self.users["ppid"], keputusan=decision)
				self.assertIn(missing, str(ctx.exception))
				self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), "Diproses")
				doc = act(doc, "Putuskan", self.users["ppid"], **{**complete, "keputusan": decision})
				self.assertEqual(doc.workflow_state, "Pemberitahuan")
				self.assertTrue(doc.nomor_pemberitahuan)

	def test_extension_without_a_reason_is_refused(self):
		doc = self.bring_to("Diproses")
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(doc, "Perpanjang", self.users["ppid"])
		self.assertIn("Pasal 22 ayat 8", str(ctx.exception))

	def test_walk_in_request_is_answered_at_the_desk_with_the_expedition_record(self):
		"""Kupang steps 1-4: registered, passed on, decided and handed over at the desk the same morning."""
		with self.freeze_time(office(2026, 3, 11, 9, 0)):
			doc = make_permohonan(cara_mendapatkan_salinan="Mengambil Langsung")
			doc = act(doc, "Registrasi", self.users["desk"])
			doc = act(doc, "Teruskan", self.users["desk"])
		with self.freeze_time(office(2026, 3, 11, 9, 40)):
			doc = act(
				doc, "Putuskan", self.users["ppid"], **{**GRANTED_NOTICE, "bentuk_informasi": "Hardcopy"}
			)
		handover = {"diserahkan_melalui": "Meja Layanan", "tanggal_diserahkan": "2026-03-11"}
		with self.freeze_time(office(2026, 3, 11, 10, 0)):
			with self.assertRaises(frappe.ValidationError) as ctx:
				act(doc, "Serahkan", self.users["desk"], **handover)
			self.assertIn("buku ekspedisi", str(ctx.exception))
			self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), "Pemberitahuan")
			doc = act(doc, "Serahkan", self.users["desk"], **handover, nomor_ekspedisi="EKS/031/III/2026")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Selesai", 1))
		self.assertEqual(
			[row.tahap for row in doc.riwayat_tahap],
			["Diajukan", "Terdaftar", "Diproses", "Pemberitahuan", "Selesai"],
		)
		self.assertTrue(doc.nomor_tanda_bukti and doc.nomor_pemberitahuan)

	def test_legal_entity_needs_its_deed(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_permohonan(jenis_pemohon="Badan Hukum")
		self.assertIn("akta pendirian", str(ctx.exception))


class TestInformationClocksOnTheSite(InformasiTestCase):
	def test_notice_due_ten_working_days_and_extension_seven_more(self):
		with self.freeze_time(office(2026, 3, 11, 10, 0)):
			doc = make_permohonan(tanggal_diterima=office(2026, 3, 11, 10, 0))
			doc = act(doc, "Registrasi", self.users["desk"])
			doc = act(doc, "Teruskan", self.users["desk"])
		self.assertEqual(at_office(doc.batas_pemberitahuan), datetime(2026, 4, 1, 16, 0))
		self.assertEqual(doc.rezim_pemilu, 0)
		self.assertEqual(at_office(doc.riwayat_tahap[-1].batas_waktu), datetime(2026, 4, 1, 16, 0))
		with self.freeze_time(office(2026, 3, 30, 9, 0)):
			doc = act(doc, "Perpanjang", self.users["ppid"], alasan_perpanjangan="Arsip di gudang logistik.")
		self.assertEqual(at_office(doc.batas_perpanjangan), datetime(2026, 4, 13, 16, 0))
		self.assertEqual(at_office(doc.riwayat_tahap[-1].batas_waktu), datetime(2026, 4, 13, 16, 0))
		self.assertTrue(doc.nomor_surat_perpanjangan)

	def test_election_regime_shortens_the_clock_for_election_information_only(self):
		settings = {"pemilu_aktif": 1, "pemilu_mulai": "2026-01-01", "pemilu_selesai": "2026-12-31"}
		for key, value in settings.items():
			frappe.db.set_single_value("Pengaturan Kantor", key, value)
		try:
			with self.freeze_time(office(2026, 3, 11, 10, 0)):
				election = make_permohonan(tanggal_diterima=office(2026, 3, 11, 10, 0), informasi_pemilu=1)
				other = make_permohonan(tanggal_diterima=office(2026, 3, 11, 10, 0))
		finally:
			frappe.db.set_single_value("Pengaturan Kantor", "pemilu_aktif", 0)
		self.assertEqual(election.rezim_pemilu, 1)
		self.assertEqual(at_office(election.batas_pemberitahuan), datetime(2026, 3, 16, 16, 0))
		self.assertEqual(at_office(other.batas_pemberitahuan), datetime(2026, 4, 1, 16, 0))

	def test_overdue_request_is_in_the_hourly_sweep(self):
		with self.freeze_time(office(2026, 3, 11, 10, 0)):
			doc = make_permohonan(tanggal_diterima=office(2026, 3, 11, 10, 0))
		with self.freeze_time(office(2026, 3, 11, 11, 0)), as_user("Administrator"):
			sweep_overdue()
		row = frappe.get_doc("Permohonan Informasi", doc.name).riwayat_tahap[0]
		self.assertEqual(row.status, "Terlambat")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": self.users["desk"]})
		)


class TestKeberatan(InformasiTestCase):
	def make_keberatan(self, request, cause, filed, **values):
		return frappe.get_doc(
			{
				"doctype": "Keberatan Informasi",
				"permohonan": request.name,
				"tanggal_penyebab": cause,
				"tanggal_diajukan": filed,
				"alasan": "a. Penolakan atas permintaan informasi berdasarkan alasan pengecualian",
				"kasus_posisi": "Permohonan ditolak tanpa uji konsekuensi yang memadai.",
				**values,
			}
		).insert(ignore_permissions=True)

	def test_filing_after_thirty_working_days_is_refused(self):
		request = make_permohonan()
		with self.assertRaises(frappe.ValidationError) as ctx:
			self.make_keberatan(request, "2025-10-06", office(2025, 11, 18, 8, 0))
		self.assertIn("Keberatan tidak dapat diterima", str(ctx.exception))
		self.assertIn("17 November 2025", str(ctx.exception))
		ok = self.make_keberatan(request, "2025-10-06", office(2025, 11, 17, 15, 0))
		# Atasan PPID answers within 30 working days (past Natal and cuti bersama).
		self.assertEqual(at_office(ok.batas_tanggapan), datetime(2025, 12, 31, 16, 0))
		self.assertEqual(ok.nama_pemohon, "Andi Pemohon Uji")

	def test_objection_flow_by_role_and_the_komisi_informasi_window(self):
		request = make_permohonan()
		with self.freeze_time(office(2025, 12, 1, 9, 0)):
			doc = self.make_keberatan(request, "2025-11-28", office(2025, 12, 1, 9, 0))
			doc = act(doc, "Registrasi", self.users["desk"])
			doc = act(doc, "Teruskan", self.users["desk"])
			with as_user(self.users["desk"]), self.assertRaises(WorkflowTransitionError):
				apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Tanggapi")
			with self.assertRaises(frappe.ValidationError):
				act(doc, "Tanggapi", self.users["atasan"])
		with self.freeze_time(office(2025, 12, 31, 10, 0)):
			doc = act(
				doc,
				"Tanggapi",
				self.users["atasan"],
				keputusan_atasan="Keberatan Diterima",
				tanggapan="<p>Informasi diberikan dengan penghitaman NIK.</p>",
				nama_atasan="Ketua Uji",
				jabatan_atasan="Ketua KPU Kabupaten Pohuwato",
			)
		self.assertEqual(doc.workflow_state, "Ditanggapi")
		self.assertTrue(doc.nomor_tanggapan)
		self.assertEqual(at_office(doc.batas_komisi_informasi), datetime(2026, 1, 22, 16, 0))
		doc = act(doc, "Selesaikan", self.users["desk"], tanggapan_pemohon="Menerima")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Selesai", 1))
