"""The timeliness a complaint keeps on its own row (ketepatan_waktu, batas_waktu_tahap) against the one
computed from its stage history, for complaints with pauses, returns and late stages, before and after
the hourly sweep; and the sweep's bulk marking and notifications.

The reference is the stage history itself: reports.common.timeliness_term (two EXISTS over Riwayat
Tahap, what the reports asked before the row kept it) and core.recap.complaint_timeliness over the rows.
"""

from __future__ import annotations

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from kpu_dumas import clock, tasks
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import recap
from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
from kpu_dumas.reports import common
from kpu_dumas.tests.utils import COMPLETE, act, advance, as_user, make_all_users, make_pengaduan, office

TELAAH = {
	"hasil_telaah": "Antrean memang melebihi standar pelayanan.",
	"kesimpulan": "Terbukti",
	"jenis_rekomendasi": "Perbaikan Layanan",
	"rekomendasi": "Tambah petugas loket pada jam sibuk.",
}
# The checkpoints: the morning after the complaints came, and five weeks on (past Perlu Dilengkapi's
# 30 days).
T1 = (2025, 9, 16, 9, 0)
T2 = (2025, 10, 20, 9, 0)


def reference(names: list[str]) -> dict[str, str]:
	"""{name: timeliness} from the stage history, at the (frozen) present."""
	p = frappe.qb.DocType("Pengaduan")
	return dict(
		frappe.qb.from_(p)
		.select(p.name, common.timeliness_term(p, clock.now()))
		.where(p.name.isin(names))
		.run()
	)


def kept(names: list[str]) -> dict[str, tuple]:
	return {
		r.name: (r.ketepatan_waktu, get_datetime(r.batas_waktu_tahap) if r.batas_waktu_tahap else None)
		for r in frappe.get_all(
			"Pengaduan",
			filters={"name": ("in", names)},
			fields=["name", "ketepatan_waktu", "batas_waktu_tahap"],
		)
	}


def from_rows(name: str) -> str:
	doc = frappe.get_doc("Pengaduan", name)
	rows = [
		{
			"tahap": r.tahap,
			"status": r.status,
			"keluar": r.keluar,
			"batas_waktu": get_datetime(r.batas_waktu) if r.batas_waktu else None,
		}
		for r in doc.riwayat_tahap
	]
	return recap.complaint_timeliness(rows, doc.docstatus == 0, clock.now())[0]


class TestKeptTimeliness(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		clock.clear_calendar_cache()
		frappe.db.set_single_value("Pengaturan Kantor", "mutu_baku_pengaduan", "Pengaduan - Pohuwato 2025")

	def at(self, *moment):
		return self.freeze_time(office(*moment))

	def act_at(self, moment, doc, action, who, **fields):
		with self.at(*moment):
			return act(doc, action, self.users[who], **fields)

	def seed(self) -> dict[str, str]:
		"""Seven complaints, received on Monday 15 September 2025 at 08.00 WITA unless said otherwise
		(Pohuwato standards: Diterima 30 minutes, Terdaftar 10 minutes, Perlu Dilengkapi 30 days)."""
		day = (2025, 9, 15)
		cases = {}
		with self.at(*day, 8, 0):
			for key in ("tepat", "terlambat", "jeda", "kembali", "lewat", "kedaluwarsa"):
				cases[key] = make_pengaduan(
					perihal=f"Ketepatan {key}",
					tanggal_diterima=office(*day, 8, 0),
					tim_pemeriksa=[{"anggota": self.users["tim"]}],
				)
		# done on time all along, closed (docstatus 1)
		doc = self.act_at((*day, 8, 10), cases["tepat"], "Registrasi", "petugas", **COMPLETE)
		doc = self.act_at((*day, 8, 15), doc, "Teruskan", "petugas")
		with self.at(*day, 8, 20):
			cases["tepat"] = advance(doc, "Selesai", self.users)
		# Diterima left after an hour: late, and it stays late
		doc = self.act_at((*day, 9, 0), cases["terlambat"], "Registrasi", "petugas", **COMPLETE)
		cases["terlambat"] = self.act_at((*day, 9, 5), doc, "Teruskan", "petugas")
		# paused for a night: the reporter's wait is not counted, Diterima resumes its clock
		doc = self.act_at((*day, 8, 10), cases["jeda"], "Minta Kelengkapan", "petugas", kekurangan="KTP.")
		doc = self.act_at((2025, 9, 16, 8, 0), doc, "Dilengkapi", "petugas")
		doc = self.act_at((2025, 9, 16, 8, 5), doc, "Registrasi", "petugas", **COMPLETE)
		cases["jeda"] = self.act_at((2025, 9, 16, 8, 8), doc, "Teruskan", "petugas")
		# returned once by Kembalikan, back in Rekomendasi
		doc = self.act_at((*day, 8, 10), cases["kembali"], "Registrasi", "petugas", **COMPLETE)
		doc = self.act_at((*day, 8, 12), doc, "Teruskan", "petugas")
		doc = self.act_at((*day, 9, 0), doc, "Ajukan Rekomendasi", "tim", **TELAAH)
		doc = self.act_at((*day, 10, 0), doc, "Kembalikan", "pyb")
		cases["kembali"] = self.act_at((*day, 11, 0), doc, "Ajukan Rekomendasi", "tim", **TELAAH)
		# left in Terdaftar past its 10 minutes: late before the sweep marks it
		cases["lewat"] = self.act_at((*day, 8, 10), cases["lewat"], "Registrasi", "petugas", **COMPLETE)
		# left in Perlu Dilengkapi: withdrawn by the sweep after 30 days
		cases["kedaluwarsa"] = self.act_at(
			(*day, 8, 10), cases["kedaluwarsa"], "Minta Kelengkapan", "petugas", kekurangan="KTP."
		)
		# received the next morning, still inside its 30 minutes at T1, late by T2
		with self.at(2025, 9, 16, 8, 45):
			cases["berjalan"] = make_pengaduan(
				anonim=True, perihal="Ketepatan berjalan", tanggal_diterima=office(2025, 9, 16, 8, 45)
			)
		return {key: doc.name for key, doc in cases.items()}

	def check(self, names: dict[str, str], swept: bool) -> dict[str, str]:
		"""The kept timeliness equals the history's (the reports' reading of it always; the stored value
		itself once the sweep has run); returns {key: timeliness}."""
		ref = reference(list(names.values()))
		stored = kept(list(names.values()))
		now = clock.now()
		register = {
			r["name"]: r["ketepatan"]
			for r in register_pengaduan.get_rows(
				frappe._dict(), common.get_period(frappe._dict(from_date="2025-09-15", to_date="2025-09-16"))
			)
		}
		for key, name in names.items():
			value, due = stored[name]
			with self.subTest(case=key, swept=swept):
				self.assertEqual(recap.effective_timeliness(value, due, now), ref[name])
				self.assertEqual(from_rows(name), ref[name])
				self.assertEqual(register[name], ref[name])
				if swept:
					self.assertEqual(value, ref[name])
		return {key: ref[name] for key, name in names.items()}

	def test_kept_timeliness_follows_the_history_before_and_after_the_sweep(self):
		names = self.seed()
		on_time, late, running = recap.ON_TIME, recap.LATE, recap.RUNNING
		with self.at(*T1):
			before = self.check(names, swept=False)
			self.assertEqual(kept([names["lewat"]])[names["lewat"]][0], on_time)  # not marked yet
			with as_user("Administrator"):
				tasks.sweep_overdue()
			after = self.check(names, swept=True)
		expected = {
			"tepat": on_time,
			"terlambat": late,
			"jeda": on_time,
			"kembali": on_time,
			"lewat": late,
			"kedaluwarsa": on_time,  # the reporter's wait is never the office's lateness
			"berjalan": running,
		}
		self.assertEqual(before, expected)
		self.assertEqual(after, expected)
		with self.at(*T2):
			before = self.check(names, swept=False)
			with as_user("Administrator"):
				tasks.sweep_overdue()
			after = self.check(names, swept=True)
		self.assertEqual(frappe.db.get_value("Pengaduan", names["kedaluwarsa"], "workflow_state"), "Dicabut")
		expected.update(berjalan=late)
		self.assertEqual(before, expected)
		self.assertEqual(after, expected)

		# The patch's fill from the history gives what the stage changes and the sweep kept.
		values = list(names.values())
		kept_before = kept(values)
		frappe.db.set_value("Pengaduan", {"name": ("in", values)}, "ketepatan_waktu", None)
		frappe.db.set_value("Pengaduan", {"name": ("in", values)}, "batas_waktu_tahap", None)
		with self.at(*T2):
			common.fill_timeliness(names=values)
		self.assertEqual(kept(values), kept_before)

	def test_a_client_cannot_write_the_kept_timeliness(self):
		doc = make_pengaduan(perihal="Ketepatan dari klien")
		self.assertEqual(doc.ketepatan_waktu, recap.RUNNING)
		self.assertTrue(doc.batas_waktu_tahap)
		with as_user(self.users["petugas"]), self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Pengaduan", doc.name, "ketepatan_waktu", recap.ON_TIME)
		with as_user(self.users["petugas"]), self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Pengaduan", doc.name, "batas_waktu_tahap", None)
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "ketepatan_waktu"), recap.RUNNING)


class TestSweepInBulk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		clock.clear_calendar_cache()

	def test_many_newly_late_stages_come_as_one_digest_and_a_second_sweep_finds_nothing(self):
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			names = [
				make_pengaduan(perihal=f"Sapu {i}", tanggal_diterima=office(2025, 9, 15, 8, 0)).name
				for i in range(4)
			]
		with self.freeze_time(office(2025, 9, 15, 9, 0)), as_user("Administrator"):
			self.assertEqual(
				len([r for r in tasks.newly_late("Pengaduan", clock.now()) if r.parent in names]), 4
			)
			with patch.object(tasks, "DIGEST_ABOVE", 2):
				tasks.sweep_overdue()
			self.assertFalse([r for r in tasks.newly_late("Pengaduan", clock.now()) if r.parent in names])
			tasks.sweep_overdue()
		for name in names:
			self.assertEqual(frappe.db.get_value("Pengaduan", name, "ketepatan_waktu"), recap.LATE)
			row = frappe.get_doc("Pengaduan", name).riwayat_tahap[0]
			self.assertEqual((row.status, row.terlambat_diberitahukan), (recap.LATE, 1))
			# the petugas gets no notification per complaint ...
			self.assertFalse(
				frappe.db.exists(
					"Notification Log", {"document_name": name, "for_user": self.users["petugas"]}
				)
			)
		# ... but one that lists them, linked to the late complaints
		digests = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.users["petugas"], "subject": ("like", "%tahap Pengaduan melewati%")},
			fields=["subject", "email_content", "link"],
			order_by="creation desc",
			limit=1,
		)
		self.assertTrue(digests)
		self.assertIn("?ketepatan_waktu=Terlambat", digests[0].link)
		for name in names:
			self.assertIn(name, digests[0].email_content)

	def test_a_lapor_complaint_without_a_follow_up_deadline_is_not_marked_late(self):
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			doc = make_pengaduan(
				kanal="SP4N-LAPOR!",
				nomor_tiket_lapor="LAPOR-KETEPATAN-1",
				tanggal_diterima=office(2025, 9, 15, 8, 0),
			)
		self.assertTrue(doc.batas_tindak_lanjut_lapor)
		frappe.db.set_value("Pengaduan", doc.name, "batas_tindak_lanjut_lapor", None)  # as on older records
		with self.freeze_time(office(2025, 10, 20, 9, 0)), as_user("Administrator"):
			tasks.sweep_overdue()
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "tindak_lanjut_lapor_terlambat"), 0)

	def test_a_complaint_that_cannot_be_withdrawn_does_not_stop_the_others(self):
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			docs = [make_pengaduan(tanggal_diterima=office(2025, 9, 15, 8, 0)) for _ in range(2)]
		with self.freeze_time(office(2025, 9, 15, 8, 10)):
			docs = [act(d, "Minta Kelengkapan", self.users["petugas"], kekurangan="KTP.") for d in docs]
		original = tasks.withdraw_incomplete

		def fail_first(name):
			if name == docs[0].name:
				frappe.throw("uji")
			return original(name)

		with self.freeze_time(office(2025, 10, 20, 9, 0)), as_user("Administrator"):
			with patch.object(tasks, "withdraw_incomplete", fail_first):
				tasks.sweep_overdue()
		states = [frappe.db.get_value("Pengaduan", d.name, "workflow_state") for d in docs]
		self.assertEqual(states, [rules.PERLU_DILENGKAPI, rules.DICABUT])
