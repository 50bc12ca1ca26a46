"""Retention (UU 27/2022): the daily job erases the reporter's identity of exactly the complaints closed
more than Pengaturan Kantor's masa_retensi_tahun years ago (kpu_dumas.retensi), and logs its run.

The cases, each closed (the open row of its final stage) on a chosen office day around the cut-off:
  boundary   closed on the cut-off day            -> erased
  next_day   closed the day after the cut-off      -> kept
  open       received ten years ago, still open    -> kept (never)
  merged     merged long ago into `boundary`       -> erased (its main case is past retention)
  merged_open merged long ago into `open`          -> kept (its main case is still handled)
  imported   from a register book, no stage history, delivered six years ago -> erased
  rahasia    confidential, closed long ago         -> erased; the register says "Dihapus (retensi)"
  shared     closed long ago, but its Identitas Pelapor is also on an open case -> kept
The job runs without committing: the class's transaction is rolled back at the end.
"""

import os

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_years

from kpu_dumas import clock, letters, retensi
from kpu_dumas.core.kerahasiaan import ERASED, retention_cutoff
from kpu_dumas.kerahasiaan import decrypt
from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
from kpu_dumas.tests import samples
from kpu_dumas.tests.utils import (
	advance,
	as_user,
	make_all_users,
	make_identitas,
	make_pengaduan,
	office,
)

YEARS = 5
NAME = "Retensi Hartono Uji"
NIK = "7503012302700004"


class TestRetensi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		cls.old_setting = frappe.db.get_single_value("Pengaturan Kantor", "masa_retensi_tahun")
		frappe.db.set_single_value("Pengaturan Kantor", "masa_retensi_tahun", YEARS)
		cls.today = clock.office_today()
		cls.cutoff = retention_cutoff(cls.today, YEARS)
		long_ago = add_years(cls.cutoff, -3)
		c = cls.cases = {}
		c["boundary"] = cls.closed(cls.cutoff)
		frappe.db.set_value("Pengaduan", c["boundary"], "email_pengirim", "hartono.uji@contoh.id")
		c["next_day"] = cls.closed(add_days(cls.cutoff, 1))
		c["open"] = make_pengaduan(perihal="Retensi: masih ditangani", tanggal_diterima=office(2014, 2, 3, 9))
		c["open"] = advance(c["open"], "Ditelaah", cls.users).name
		c["merged"] = cls.merged_into(c["boundary"], long_ago)
		c["merged_open"] = cls.merged_into(c["open"], long_ago)
		c["imported"] = cls.imported(add_years(cls.today, -6))
		c["rahasia"] = cls.closed(long_ago, rahasia=True)
		c["shared"] = cls.closed(long_ago)
		cls.shared_open = make_pengaduan(
			identitas=frappe.get_doc(
				"Identitas Pelapor", frappe.db.get_value("Pengaduan", c["shared"], "identitas_pelapor")
			)
		).name
		cls.erased = {"boundary", "merged", "imported", "rahasia"}
		cls.attach_scan(c["boundary"])
		cls.receive_mail(c["boundary"])

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.set_single_value("Pengaturan Kantor", "masa_retensi_tahun", cls.old_setting)
		frappe.db.commit()
		super().tearDownClass()

	# --- fixtures ---------------------------------------------------------------------------------------

	@classmethod
	def closed(cls, on_day, rahasia=False, **values) -> str:
		"""A complaint worked to Selesai whose final stage was entered on the office day `on_day`."""
		ident = make_identitas(nama_lengkap=NAME, nomor_identitas=NIK, email="hartono.uji@contoh.id")
		doc = make_pengaduan(identitas=ident, rahasia=rahasia, perihal="Retensi: uji", **values)
		doc = advance(doc, "Selesai", cls.users)
		cls.set_closing(doc.name, on_day)
		return doc.name

	@staticmethod
	def set_closing(name, on_day):
		frappe.db.sql(
			"update `tabRiwayat Tahap` set masuk = %s where parent = %s and parenttype = 'Pengaduan'"
			" and keluar is null",
			(office(on_day.year, on_day.month, on_day.day, 10), name),
		)

	@classmethod
	def merged_into(cls, main, on_day) -> str:
		"""A complaint merged into `main` on `on_day` (its state and history set as the merge leaves them)."""
		doc = make_pengaduan(perihal="Retensi: digabungkan")
		frappe.db.set_value(
			"Pengaduan", doc.name, {"workflow_state": "Digabungkan", "digabung_ke": main, "docstatus": 1}
		)
		frappe.get_doc(
			{
				"doctype": "Riwayat Tahap",
				"parent": doc.name,
				"parenttype": "Pengaduan",
				"parentfield": "riwayat_tahap",
				"tahap": "Digabungkan",
				"masuk": office(on_day.year, on_day.month, on_day.day, 10),
			}
		).db_insert()
		return doc.name

	@classmethod
	def imported(cls, delivered) -> str:
		doc = make_pengaduan(perihal="Retensi: dari register lama")
		frappe.db.delete("Riwayat Tahap", {"parent": doc.name})
		frappe.db.set_value(
			"Pengaduan",
			doc.name,
			{
				"workflow_state": "Selesai",
				"docstatus": 1,
				"diimpor": 1,
				"tanggal_diterima": office(delivered.year - 1, 12, 1, 9),
				"tanggal_disampaikan": delivered,
			},
		)
		return doc.name

	@classmethod
	def attach_scan(cls, name):
		identitas = frappe.db.get_value("Pengaduan", name, "identitas_pelapor")
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "ktp-hartono-retensi.pdf",
				"content": samples.pdf("KTP Hartono"),
				"is_private": 1,
				"attached_to_doctype": "Identitas Pelapor",
				"attached_to_name": identitas,
				"attached_to_field": "scan_identitas",
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Identitas Pelapor", identitas, "scan_identitas", file.file_url)
		cls.scan = file.name
		cls.scan_path = file.get_full_path()

	@classmethod
	def receive_mail(cls, name):
		cls.mail = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"sender": "hartono.uji@contoh.id",
				"sender_full_name": NAME,
				"subject": "Tambahan bukti",
				"content": "Berikut tambahan bukti.",
				"reference_doctype": "Pengaduan",
				"reference_name": name,
			}
		).insert(ignore_permissions=True)

	# --- helpers ----------------------------------------------------------------------------------------

	def identity(self, key):
		identitas = frappe.db.get_value("Pengaduan", self.cases[key], "identitas_pelapor")
		return frappe.db.get_value("Identitas Pelapor", identitas, "*", as_dict=True) if identitas else None

	def run_job(self, years=YEARS):
		frappe.db.set_single_value("Pengaturan Kantor", "masa_retensi_tahun", years)
		return frappe.get_doc("Log Retensi Identitas", retensi.erase_expired(self.today))

	# --- tests ------------------------------------------------------------------------------------------

	def test_the_job(self):
		"""One test, in order: setting 0 erases nothing; then exactly the cases past it; then nothing more."""
		versions = frappe.db.count("Version")

		log = self.run_job(0)
		self.assertEqual((log.jumlah, log.masa_retensi_tahun, log.batas_tanggal_selesai), (0, 0, None))
		for key in self.cases:
			row = self.identity(key)
			self.assertTrue(row is None or row.nama_lengkap != ERASED, key)
		self.assertEqual(retensi.due_for_erasure(self.today, 0), [])

		log = self.run_job()
		listed = set((log.daftar_pengaduan or "").split("\n"))
		self.assertEqual(str(log.batas_tanggal_selesai), str(self.cutoff))
		for key, name in self.cases.items():
			self.assertEqual(name in listed, key in self.erased, key)
		self.assertNotIn(self.shared_open, listed)
		self.assertGreaterEqual(log.jumlah, len(self.erased))
		self.assertEqual(log.jumlah, len(listed))

		# the identity of the erased cases: name "Dihapus (retensi)", the rest empty, indexes cleared
		for key in ("boundary", "rahasia"):
			row = self.identity(key)
			self.assertEqual(row.nama_lengkap, ERASED, key)
			for field in ("nomor_identitas", "alamat", "telepon", "email", "pekerjaan", "scan_identitas"):
				self.assertFalse(row.get(field), (key, field))
			for field in ("indeks_nik", "indeks_telepon", "indeks_email"):
				if field in row:
					self.assertFalse(row.get(field), (key, field))
		for key in ("next_day", "open", "shared"):
			row = self.identity(key)
			self.assertNotIn(decrypt(row.nama_lengkap), (ERASED, None, ""), key)
			self.assertEqual(
				decrypt(row.nomor_identitas), NIK if key != "open" else decrypt(row.nomor_identitas)
			)
		# the complaint's own traces: the address it came from, the mail's sender
		boundary = frappe.get_doc("Pengaduan", self.cases["boundary"])
		self.assertFalse(boundary.email_pengirim)
		mail = frappe.db.get_value(
			"Communication", self.mail.name, ["sender", "sender_full_name"], as_dict=True
		)
		self.assertEqual((mail.sender, mail.sender_full_name), (None, ERASED))
		# the scan: no File row, nothing on disk, no timeline line naming it
		self.assertFalse(frappe.db.exists("File", self.scan))
		self.assertFalse(os.path.exists(self.scan_path))
		# the case stays: its state, its letters' numbers
		self.assertEqual(boundary.workflow_state, "Selesai")
		self.assertTrue(boundary.nomor_surat_tanggapan and boundary.nomor_tanda_terima)
		# no Version row was written (one would hold the values before the erase)
		self.assertEqual(frappe.db.count("Version"), versions)
		self.assertFalse(frappe.db.exists("Version", {"data": ("like", f"%{NIK}%")}))

		# a second run finds nothing left to erase
		self.assertEqual(self.run_job().jumlah, 0)

		self.check_register_and_letter()
		self.check_log_access(log)

	def check_register_and_letter(self):
		received = frappe.utils.getdate(
			clock.to_office(
				frappe.utils.get_datetime(
					frappe.db.get_value("Pengaduan", self.cases["boundary"], "tanggal_diterima")
				),
				clock.get_calendar(),
			)
		)
		with as_user(self.users["petugas"]):
			rows = register_pengaduan.execute({"from_date": received, "to_date": received})[1]
			reporters = {row["name"]: row["pelapor"] for row in rows}
			self.assertEqual(reporters[self.cases["boundary"]], ERASED)
			self.assertEqual(reporters[self.cases["rahasia"]], ERASED)
			self.assertNotEqual(reporters[self.cases["next_day"]], ERASED)
			doc = frappe.get_doc("Pengaduan", self.cases["boundary"])
			context = letters.kpu_surat_context(doc, "tanggapan")
			self.assertEqual(context.pelapor.nama, ERASED)
			self.assertEqual(context.nomor, doc.nomor_surat_tanggapan)

	def check_log_access(self, log):
		for key, may in (("pyb", True), ("sistem", True), ("petugas", False), ("kasubag", False)):
			with as_user(self.users[key]):
				self.assertEqual(
					frappe.has_permission("Log Retensi Identitas", "read", doc=log.name), may, key
				)
		with as_user(self.users["sistem"]):
			self.assertRaises(frappe.PermissionError, frappe.delete_doc, "Log Retensi Identitas", log.name)
			log.jumlah = 0
			self.assertRaises(frappe.PermissionError, log.save, ignore_permissions=True)
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_doc({"doctype": "Log Retensi Identitas", "waktu": clock.now()}).insert,
				ignore_permissions=True,
			)

	def test_the_daily_hook(self):
		self.assertIn("kpu_dumas.retensi.run_daily", frappe.get_hooks("scheduler_events")["daily"])
