"""Profil SOP on a real site: each of the five presets applied, one case walked through every open state of
its workflow as the roles that own them, each stage's due time checked against the preset's standard on the
office calendar; a second apply changes nothing; a switch refused while a case sits in a state the new
workflow lacks; a stage already started keeps its due time; an admin's copy of a preset survives install().

Every test rolls back what it did; the class ends by applying the shipped default (Pohuwato 2025, which
runs the PPID sets for information requests) and committing, so the other modules find Alur Pengaduan.
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from kpu_dumas import clock, stages
from kpu_dumas.api import profil_sop as api
from kpu_dumas.core.deadlines import Duration
from kpu_dumas.setup.install import DEFAULT_SOP_PROFILE, install
from kpu_dumas.tests.test_laporan import frozen_at
from kpu_dumas.tests.utils import (
	COMPLETE,
	GRANTED_NOTICE,
	act,
	as_user,
	join_team,
	make_all_users,
	make_pengaduan,
	make_permohonan,
)

# Fields each complaint action needs (the Desk fills them before the action).
EXAMINED = {
	"hasil_telaah": "Berkas dan bukti sesuai; antrean melebihi standar pelayanan.",
	"kesimpulan": "Terbukti",
	"jenis_rekomendasi": "Perbaikan Layanan",
	"rekomendasi": "Tambah petugas loket pada jam sibuk.",
}
ANSWER = {"tanggapan": "<p>Terima kasih, loket tambahan dibuka mulai pekan depan.</p>"}
# (action, user key, fields) from each state, for the shipped Alur Pengaduan and for Kapuas Hulu's own.
SHIPPED_PATH = [
	("Minta Kelengkapan", "petugas", {"kekurangan": "Fotokopi KTP belum dilampirkan."}),
	("Dilengkapi", "petugas", {}),
	("Registrasi", "petugas", COMPLETE),
	("Teruskan", "petugas", {}),
	("Ajukan Rekomendasi", "tim", EXAMINED),
	("Setujui", "pyb", ANSWER),
	("Selesaikan", "petugas", {"media_tanggapan": "Email"}),
]
KAPUAS_PATH = [
	("Minta Kelengkapan", "petugas", {"kekurangan": "Fotokopi KTP belum dilampirkan."}),  # Admin Lapor
	("Dilengkapi", "petugas", {}),
	("Registrasi", "petugas", COMPLETE),
	("Teruskan", "kasubag", {}),  # langkah 3: Sekretaris, disposisi ke unit
	("Ajukan Rekomendasi", "tim", EXAMINED),  # langkah 4: Kabid, analisis aduan
	("Laporkan ke Kepala Dinas", "kasubag", {}),  # langkah 5
	("Setujui", "pyb", {}),  # langkah 6: Kepala Dinas, SK Tim
	("Informasikan ke Admin Lapor", "kasubag", ANSWER),  # langkah 7
	("Selesaikan", "petugas", {"media_tanggapan": "Email"}),  # langkah 8-9
]
PPID_PATH = [
	("Registrasi", "desk", {}),
	("Teruskan", "desk", {}),
	("Perpanjang", "ppid", {"alasan_perpanjangan": "Dokumen berada di arsip provinsi."}),
	("Putuskan", "ppid", GRANTED_NOTICE),
	("Serahkan", "desk", {"diserahkan_melalui": "Email"}),
]
OBJECTION_PATH = [
	("Registrasi", "desk", {}),
	("Teruskan", "desk", {}),
	(
		"Tanggapi",
		"atasan",
		{
			"keputusan_atasan": "Keberatan Diterima",
			"tanggapan": "<p>Salinan lengkap diberikan dalam 3 hari kerja.</p>",
			"nama_atasan": "Atasan Uji",
			"jabatan_atasan": "Sekretaris KPU Kabupaten Pohuwato",
		},
	),
	("Selesaikan", "desk", {"tanggapan_pemohon": "Menerima"}),
]
KUPANG_WALK_IN = [
	("Registrasi", "desk", {}),  # langkah 1
	("Teruskan", "desk", {}),  # langkah 2
	("Disposisi Lisan", "ppid", {}),  # langkah 3
	("Perpanjang", "ppid", {"alasan_perpanjangan": "Data di divisi teknis."}),
	("Putuskan", "ppid", GRANTED_NOTICE),  # langkah 4
	("Serahkan", "desk", {"diserahkan_melalui": "Email"}),
]
KUPANG_LETTER = [
	("Registrasi", "desk", {}),  # langkah 5
	("Teruskan", "desk", {}),
	("Disposisi Surat", "ppid", {}),  # langkah 6
	("Siapkan Data", "ppid", {}),  # langkah 7-8
	("Buat Surat Balasan", "ppid", {}),  # langkah 9-10
	("Putuskan", "ppid", GRANTED_NOTICE),  # langkah 12
	("Serahkan", "desk", {"diserahkan_melalui": "Email"}),  # langkah 13
]
START = (2026, 6, 8, 9, 0)  # a Monday without holidays; each action 5 minutes after the previous


def restore_default():
	"""The shipped default, committed: the other test modules assume Alur Pengaduan and the PPID sets."""
	frappe.set_user("Administrator")
	api.terapkan(DEFAULT_SOP_PROFILE)
	frappe.db.commit()
	frappe.clear_cache()


class TestProfilSOP(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		restore_default()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.clear_cache()
		restore_default()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_cache()
		clock.clear_calendar_cache()

	# --- helpers ---------------------------------------------------------------------------------

	def apply(self, profile: str) -> dict:
		with as_user(self.users["sistem"]):
			result = api.terapkan(profile)
		frappe.clear_cache()
		return result

	def moment(self, minutes: int) -> datetime:
		"""START plus `minutes` at the office (in the zone the applied preset set), as system time."""
		y, mo, d, h, mi = START
		return clock.to_system(datetime(y, mo, d, h, mi) + _minutes(minutes), clock.get_calendar())

	def walk(self, doc, path, start_minute: int = 5):
		"""Take each action of `path` 5 minutes apart, as the user that holds it; return the final doc."""
		for i, (action, who, fields) in enumerate(path):
			with frozen_at(self.moment(start_minute + 5 * i)):
				if action == "Serahkan":
					fields = {**fields, "tanggal_diserahkan": clock.office_today()}
				if who == "tim" and doc.doctype == "Pengaduan":
					doc = join_team(doc, self.users["tim"])
				doc = act(doc, action, self.users[who], **fields)
		return doc

	def assert_stages_follow(self, doc, set_field: str, legal=()):
		"""Every stage row's standard label and due time are the preset's standard from its entry, on the
		office calendar (the states in `legal` carry the law's deadline instead)."""
		set_name = frappe.db.get_single_value("Pengaturan Kantor", set_field)
		standards = {
			r.tahap: Duration.parse(r.jumlah, r.satuan) for r in frappe.get_doc("Mutu Baku", set_name).tahap
		}
		final = {
			r.state
			for r in frappe.get_doc("Workflow", api.active_workflow(doc.doctype)).states
			if r.doc_status == "1"
		}
		for row in doc.riwayat_tahap:
			if row.tahap in final or row.tahap in legal:
				continue
			duration = standards[row.tahap]
			self.assertEqual(row.mutu_baku, duration.label(), row.tahap)
			if row.tahap == "Diterima" and row.idx > 1:
				continue  # resumed after Perlu Dilengkapi: the first visit's clock, pushed by the pause
			expected = clock.due(get_datetime(row.masuk), duration)
			self.assertEqual(get_datetime(row.batas_waktu) if row.batas_waktu else None, expected, row.tahap)
		return {row.tahap: row for row in doc.riwayat_tahap}

	def visited(self, doc) -> set[str]:
		return {row.tahap for row in doc.riwayat_tahap}

	def open_states(self, doctype) -> set[str]:
		workflow = frappe.get_doc("Workflow", api.active_workflow(doctype))
		return {r.state for r in workflow.states if r.doc_status == "0"}

	def assert_idempotent(self, profile: str):
		def modified():
			return frappe.db.sql(
				"select value from tabSingles where doctype = 'Pengaturan Kantor' and field = 'modified'"
			)

		before = modified()
		again = self.apply(profile)
		self.assertEqual(again["perubahan"], [])
		self.assertIn("Tidak ada yang berubah", again["pesan"])
		self.assertEqual(api.preview(profile)["perubahan"], [])
		self.assertEqual(modified(), before)

	# --- the five presets --------------------------------------------------------------------------

	def test_pohuwato_2025_is_the_shipped_default_and_walks_the_alur_pengaduan(self):
		self.assertEqual(frappe.db.get_single_value("Pengaturan Kantor", "profil_sop"), "Pohuwato 2025")
		self.assert_idempotent("Pohuwato 2025")
		self.assertEqual(api.active_workflow("Pengaduan"), "Alur Pengaduan")
		with frozen_at(self.moment(0)):
			doc = make_pengaduan()
		doc = self.walk(doc, SHIPPED_PATH)
		self.assertEqual(doc.workflow_state, "Selesai")
		self.assertEqual(self.open_states("Pengaduan") - self.visited(doc), set())
		rows = self.assert_stages_follow(doc, "mutu_baku_pengaduan")
		self.assertEqual(rows["Terdaftar"].mutu_baku, "10 menit")  # SOP Pohuwato langkah 3
		self.assertEqual(get_datetime(rows["Terdaftar"].batas_waktu), self.moment(25))  # entered at +15
		self.assertIsNone(rows["Ditelaah"].batas_waktu)  # "Menyesuaikan"

	def test_agam_2023_runs_its_working_day_standards_in_wib(self):
		preview = api.preview("Agam 2023")
		changed = {r["bagian"]: r for r in preview["perubahan"]}
		self.assertEqual(changed["Zona waktu"]["sesudah"], "Asia/Jakarta")
		self.assertEqual(changed["Mutu Baku Pengaduan"]["sesudah"], "Pengaduan - Agam 2023")
		self.assertNotIn("Workflow Pengaduan", changed)  # the shipped flow has a state for each step
		self.assertNotIn("Jam layanan", changed)  # the seed names no hours
		self.assertEqual(preview["mutu_baku"][0]["tahap_sesudah"][3]["standar"], "7 hari kerja")
		self.apply("Agam 2023")
		self.assertEqual(clock.get_calendar().timezone, "Asia/Jakarta")
		self.assert_idempotent("Agam 2023")
		with frozen_at(self.moment(0)):
			doc = make_pengaduan(kanal="Email")
		doc = self.walk(doc, SHIPPED_PATH)
		self.assertEqual(doc.workflow_state, "Selesai")
		rows = self.assert_stages_follow(doc, "mutu_baku_pengaduan")
		self.assertEqual(rows["Ditelaah"].mutu_baku, "7 hari kerja")  # "5-7 hari"
		# Entered Monday 8 June 09:20 WIB: the 7th working day after it is Thursday 18 June (16 June is a
		# holiday).
		due = clock.to_office(get_datetime(rows["Ditelaah"].batas_waktu), clock.get_calendar())
		self.assertEqual(due.date().isoformat(), "2026-06-18")

	def test_kapuas_hulu_2023_brings_its_own_workflow_and_roles(self):
		with frozen_at(self.moment(0)):
			started = make_pengaduan(perihal="Diterima sebelum profil diganti")
		old_due = started.riwayat_tahap[-1].batas_waktu
		preview = api.preview("Kapuas Hulu 2023")
		changed = {r["bagian"]: r for r in preview["perubahan"]}
		self.assertEqual(changed["Workflow Pengaduan"]["sesudah"], "Alur Pengaduan - Kapuas Hulu 2023")
		self.assertTrue(
			changed["Jabatan penandatangan Pejabat Yang Berwenang"]["sesudah"].startswith("Kepala Dinas")
		)
		self.assertTrue(preview["dapat_diterapkan"])
		self.apply("Kapuas Hulu 2023")
		self.assertEqual(api.active_workflow("Pengaduan"), "Alur Pengaduan - Kapuas Hulu 2023")
		self.assertFalse(frappe.db.get_value("Workflow", "Alur Pengaduan", "is_active"))
		self.assert_idempotent("Kapuas Hulu 2023")
		# A stage already started keeps its due time.
		started.reload()
		self.assertEqual(started.riwayat_tahap[-1].batas_waktu, old_due)

		with frozen_at(self.moment(0)):
			doc = make_pengaduan(kanal="Media Sosial")
		# Only the Sekretaris (Kasubag) forwards in this flow; the Admin Lapor (Petugas) may not.
		doc = self.walk(doc, KAPUAS_PATH[:3])
		with self.assertRaises(frappe.ValidationError), frozen_at(self.moment(20)):
			act(doc, "Teruskan", self.users["petugas"])
		doc = self.walk(doc, KAPUAS_PATH[3:], start_minute=20)
		self.assertEqual(doc.workflow_state, "Selesai")
		self.assertEqual(self.open_states("Pengaduan") - self.visited(doc), set())
		rows = self.assert_stages_follow(doc, "mutu_baku_pengaduan")
		report = rows["Laporan ke Kepala Dinas"]
		self.assertEqual((report.mutu_baku, report.peran), ("1 jam", "Kasubag Hukum dan SDM"))
		self.assertEqual(get_datetime(report.batas_waktu), self.moment(25 + 60))  # entered at +25, 1 jam
		self.assertEqual(rows["Rekomendasi"].mutu_baku, "5 hari kerja")  # "1 Minggu"
		self.assertEqual(rows["Informasi ke Admin Lapor"].peran_pelaku, "Kasubag Hukum dan SDM")
		self.assertTrue(doc.nomor_surat_tanggapan)

	def test_kupang_2020_walks_the_desk_and_the_letter_path_in_minutes(self):
		self.apply("Kupang 2020")
		self.assertEqual(
			api.active_workflow("Permohonan Informasi"), "Alur Permohonan Informasi - Kupang 2020"
		)
		self.assertEqual(api.active_workflow("Pengaduan"), "Alur Pengaduan")  # complaints untouched
		self.assertEqual(
			frappe.db.get_value("Sifat Disposisi", "Sangat Segera", ["jumlah", "satuan"]), (30, "Menit")
		)
		self.assert_idempotent("Kupang 2020")
		with frozen_at(self.moment(0)):
			walk_in = make_permohonan()
			letter = make_permohonan(kanal="Surat")
		walk_in = self.walk(walk_in, KUPANG_WALK_IN)
		letter = self.walk(letter, KUPANG_LETTER, start_minute=60)
		for doc in (walk_in, letter):
			self.assertEqual(doc.workflow_state, "Selesai")
		self.assertEqual(
			self.open_states("Permohonan Informasi") - self.visited(walk_in) - self.visited(letter), set()
		)
		rows = self.assert_stages_follow(walk_in, "mutu_baku_permohonan", legal=("Diperpanjang",))
		self.assertEqual(rows["Diajukan"].mutu_baku, "3 menit")
		# Diproses: Kupang's 30 minutes, sooner than the law's 10 working days, is the stage's due time.
		self.assertEqual(rows["Diproses"].mutu_baku, "30 menit")
		self.assertEqual(get_datetime(rows["Diproses"].batas_waktu), self.moment(15 + 30))
		self.assertLess(get_datetime(rows["Diproses"].batas_waktu), get_datetime(walk_in.batas_pemberitahuan))
		rows = self.assert_stages_follow(letter, "mutu_baku_permohonan")
		self.assertEqual(rows["Identifikasi Surat"].mutu_baku, "20 menit")
		self.assertEqual(rows["Penyiapan Data"].mutu_baku, "2 jam")
		self.assertEqual(rows["Penyusunan Surat Balasan"].peran, "PPID")
		self.assertTrue(letter.nomor_surat_balasan)

	def test_ppid_keeps_the_law_clocks(self):
		self.apply("Kupang 2020")
		result = self.apply("PPID")
		changed = {r["bagian"]: r for r in result["perubahan"]}
		self.assertEqual(changed["Workflow Permohonan Informasi"]["sesudah"], "Alur Permohonan Informasi")
		self.assertNotIn("Zona waktu", changed)  # the PPID seed names no zone
		self.assert_idempotent("PPID")
		with frozen_at(self.moment(0)):
			doc = make_permohonan()
		doc = self.walk(doc, PPID_PATH)
		self.assertEqual(doc.workflow_state, "Selesai")
		self.assertEqual(self.open_states("Permohonan Informasi") - self.visited(doc), set())
		rows = self.assert_stages_follow(doc, "mutu_baku_permohonan", legal=("Diproses", "Diperpanjang"))
		self.assertEqual(rows["Terdaftar"].mutu_baku, "15 menit")
		self.assertEqual(get_datetime(rows["Diproses"].batas_waktu), get_datetime(doc.batas_pemberitahuan))

		# The objection, through the Alur Keberatan Informasi on the PPID set.
		with frozen_at(self.moment(40)):
			objection = frappe.get_doc(
				{
					"doctype": "Keberatan Informasi",
					"permohonan": doc.name,
					"tanggal_penyebab": clock.office_today(),  # the office day the objection is filed on
					"alasan": "d. Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
					"kasus_posisi": "Salinan yang diberikan tidak lengkap.",
				}
			).insert(ignore_permissions=True)
		objection = self.walk(objection, OBJECTION_PATH, start_minute=45)
		self.assertEqual(objection.workflow_state, "Selesai")
		self.assertEqual(self.open_states("Keberatan Informasi") - self.visited(objection), set())
		rows = self.assert_stages_follow(objection, "mutu_baku_keberatan", legal=("Diproses", "Ditanggapi"))
		self.assertEqual(rows["Terdaftar"].mutu_baku, "1 hari kerja")
		self.assertEqual(get_datetime(rows["Diproses"].batas_waktu), get_datetime(objection.batas_tanggapan))

	# --- switching ----------------------------------------------------------------------------------

	def test_switch_refused_while_a_case_sits_in_a_state_the_target_lacks(self):
		self.apply("Kapuas Hulu 2023")
		with frozen_at(self.moment(0)):
			doc = make_pengaduan()
		doc = self.walk(doc, KAPUAS_PATH[2:5])
		self.assertEqual(doc.workflow_state, "Laporan ke Kepala Dinas")
		preview = api.preview("Pohuwato 2025")
		self.assertFalse(preview["dapat_diterapkan"])
		self.assertEqual(
			preview["kasus_tertahan"],
			[{"doctype": "Pengaduan", "name": doc.name, "state": doc.workflow_state}],
		)
		with self.assertRaises(frappe.ValidationError) as refused, as_user(self.users["sistem"]):
			api.terapkan("Pohuwato 2025")
		self.assertIn(f"{doc.name} (Laporan ke Kepala Dinas)", str(refused.exception))
		self.assertEqual(api.active_workflow("Pengaduan"), "Alur Pengaduan - Kapuas Hulu 2023")
		# Agam gives a complaint set and no workflow of its own: the shipped one, which lacks the state too.
		self.assertFalse(api.preview("Agam 2023")["dapat_diterapkan"])
		self.assertTrue(api.preview("Kupang 2020")["dapat_diterapkan"])  # information requests only
		doc = self.walk(doc, KAPUAS_PATH[5:6], start_minute=40)  # on to Rekomendasi, a shared state
		self.assertTrue(api.preview("Pohuwato 2025")["dapat_diterapkan"])
		self.apply("Pohuwato 2025")
		self.assertEqual(api.active_workflow("Pengaduan"), "Alur Pengaduan")

	def test_only_a_system_manager_applies(self):
		for key in ("pyb", "pimpinan"):
			with self.assertRaises(frappe.PermissionError), as_user(self.users[key]):
				api.terapkan("Kapuas Hulu 2023")
			with self.assertRaises(frappe.PermissionError), as_user(self.users[key]):
				api.pratinjau("Kapuas Hulu 2023")
		with self.assertRaises(frappe.ValidationError), as_user(self.users["sistem"]):
			api.terapkan("Tidak Ada 2099")
		self.assertEqual(api.active_workflow("Pengaduan"), "Alur Pengaduan")

	def test_a_copy_edited_by_the_admin_survives_install(self):
		shipped = frappe.get_doc("Profil SOP", "Kapuas Hulu 2023")
		shipped.deskripsi = "diubah"
		with self.assertRaises(frappe.ValidationError), as_user(self.users["sistem"]):
			shipped.save()
		with as_user(self.users["sistem"]):
			copy = frappe.copy_doc(shipped)
			copy.nama_profil = "Kapuas Hulu 2023 (Kantor Kami)"
			copy.zona_waktu = "Asia/Makassar"
			copy.append("jam_layanan", {"hari": "Senin", "jam_mulai": "07:30:00", "jam_selesai": "15:30:00"})
			copy.insert()
			self.assertEqual(copy.bawaan, 0)
			copy.deskripsi = "Jam layanan kantor kami."
			copy.save()
		install()
		copy.reload()
		self.assertEqual(
			(copy.zona_waktu, copy.deskripsi, len(copy.jam_layanan)),
			("Asia/Makassar", "Jam layanan kantor kami.", 1),
		)
		self.assertEqual(
			frappe.get_doc("Profil SOP", "Kapuas Hulu 2023").deskripsi, shipped.get_db_value("deskripsi")
		)
		self.apply(copy.name)
		self.assertEqual(clock.get_calendar().timezone, "Asia/Makassar")
		self.assertEqual(frappe.db.get_single_value("Pengaturan Kantor", "profil_sop"), copy.name)
		self.assertEqual(
			stages.standard_for("mutu_baku_pengaduan", "Laporan ke Kepala Dinas").label(), "1 jam"
		)


def _minutes(n: int):
	from datetime import timedelta

	return timedelta(minutes=n)
