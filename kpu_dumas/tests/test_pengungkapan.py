"""A rahasia identity opens only with a reason, and each reveal writes one row of an append-only log.

Through the real doors: getdoc, REST over HTTP (Frappe's WSGI test client), frappe.client.get, the
letters' print, Register Pengaduan and its export, and kpu_dumas.api.kerahasiaan.buka_identitas.
"""

import json

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from kpu_dumas import clock, pengungkapan
from kpu_dumas.api.kerahasiaan import buka_identitas
from kpu_dumas.core.kerahasiaan import MASK
from kpu_dumas.kerahasiaan import validate_link
from kpu_dumas.permissions import get_kontak_pelapor
from kpu_dumas.tests.utils import PASSWORD, as_user, make_all_users, make_identitas, make_pengaduan

LOG = "Log Buka Identitas"
SECRET_NAME = "Rahasia Pengungkapan Uji"
SECRET_NIK = "7503016607850011"
OPEN_NAME = "Terbuka Pengungkapan Uji"
REASON = "Pemeriksaan lanjutan atas pengaduan ini"
LETTER = "Tanda Terima Pengaduan"


class TestPengungkapan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		ident = make_identitas(
			nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK, email="rahasia.ungkap@contoh.id"
		)
		cls.identitas = ident.name
		cls.rahasia = make_pengaduan(
			rahasia=True, identitas=ident, perihal="Dugaan pungutan (uji pengungkapan)"
		)
		cls.open_identitas = make_identitas(nama_lengkap=OPEN_NAME, email="terbuka.ungkap@contoh.id").name
		cls.terbuka = make_pengaduan(identitas=frappe.get_doc("Identitas Pelapor", cls.open_identitas))
		# The HTTP client has its own DB connection: it sees committed data only.
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cases = [cls.rahasia.name, cls.terbuka.name]
		frappe.db.delete(LOG, {"pengaduan": ("in", cases)})  # test clean-up only: SQL, past the controller
		for name in cases:
			frappe.db.delete("Riwayat Tahap", {"parent": name})
			frappe.db.delete("ToDo", {"reference_name": name})
			frappe.db.delete("Pengaduan", {"name": name})
		frappe.db.delete("Identitas Pelapor", {"name": ("in", [cls.identitas, cls.open_identitas])})
		frappe.db.commit()
		pengungkapan.clear_grants()
		super().tearDownClass()

	def setUp(self):
		pengungkapan.clear_grants()
		frappe.db.delete(LOG, {"pengaduan": ("in", [self.rahasia.name, self.terbuka.name])})
		frappe.db.commit()  # no lock of this transaction's may hold up the HTTP client's insert

	def tearDown(self):
		pengungkapan.clear_grants()

	# --- helpers -----------------------------------------------------------------------------------------

	def log_rows(self, **filters):
		return frappe.get_all(
			LOG,
			filters={"pengaduan": ("in", [self.rahasia.name, self.terbuka.name]), **filters},
			fields=["name", "pengguna", "waktu", "pengaduan", "identitas_pelapor", "alasan", "pintu"],
		)

	def getdoc(self, doctype, name):
		frappe.local.response = frappe._dict(docs=[])
		getdoc(doctype, name)
		return frappe.response.docs[-1]

	def register(self, **filters):
		today = clock.office_today()
		return run_report(
			"Register Pengaduan",
			{"from_date": today, "to_date": today, **filters},
			are_default_filters=False,
			ignore_prepared_report=True,
		)

	def reporter_of(self, result, case):
		return next(r["pelapor"] for r in result["result"] if r.get("name") == case)

	def http_client(self, user):
		client = get_test_client()
		r = make_request(client.post, ("/api/method/login",), {"data": {"usr": user, "pwd": PASSWORD}})
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		return client

	# --- the reason ----------------------------------------------------------------------------------------

	def test_the_reveal_asks_for_a_reason(self):
		with as_user(self.users["petugas"]):
			for alasan, said in ((None, "wajib diisi"), ("   ", "wajib diisi"), ("perlu", "terlalu singkat")):
				with self.subTest(alasan=alasan), self.assertRaises(frappe.ValidationError) as caught:
					buka_identitas(self.rahasia.name, alasan, "form")
				self.assertIn(said, str(caught.exception))
			with self.assertRaises(frappe.ValidationError):
				buka_identitas(self.rahasia.name, REASON, "report")  # that door opens through the report
		self.assertEqual(self.log_rows(), [])
		self.assertIsNone(pengungkapan.live_grant(self.identitas, ("form", "api"), self.users["petugas"]))

	def test_only_identity_readers_may_reveal(self):
		for key in ("tim", "kasubag", "pimpinan", "lain"):
			with self.subTest(user=key), as_user(self.users[key]), self.assertRaises(frappe.PermissionError):
				buka_identitas(self.rahasia.name, REASON, "api")
		self.assertEqual(self.log_rows(), [])

	# --- the form and API doors ----------------------------------------------------------------------------

	def test_a_sealed_identity_comes_masked_until_a_reveal(self):
		with as_user(self.users["petugas"]):
			doc = self.getdoc("Identitas Pelapor", self.identitas)
			self.assertEqual((doc.nama_lengkap, doc.nomor_identitas, doc.email), (MASK, MASK, MASK))
			self.assertEqual(
				doc.get("__onload").pengungkapan, {"tersegel": True, "pengaduan": self.rahasia.name}
			)
			self.assertEqual(frappe.client.get("Identitas Pelapor", self.identitas)["nama_lengkap"], MASK)
			self.assertEqual(get_kontak_pelapor(self.rahasia.name)["status"], "rahasia")
			# The Desk's link check fetches values too (kerahasiaan.validate_link).
			link = validate_link("Identitas Pelapor", self.identitas, json.dumps(["nama_lengkap", "email"]))
			self.assertEqual((link.nama_lengkap, link.email), (MASK, MASK))

			opened = buka_identitas(self.rahasia.name, REASON, "form")
			self.assertTrue(opened["rahasia"])
			self.assertNotIn("nilai", opened)  # the form door returns no values; the form loads them
			doc = self.getdoc("Identitas Pelapor", self.identitas)
			self.assertEqual((doc.nama_lengkap, doc.nomor_identitas), (SECRET_NAME, SECRET_NIK))
			self.assertFalse(doc.get("__onload").pengungkapan["tersegel"])
			self.assertEqual(
				frappe.client.get("Identitas Pelapor", self.identitas)["nama_lengkap"], SECRET_NAME
			)
			self.assertEqual(get_kontak_pelapor(self.rahasia.name)["nama_lengkap"], SECRET_NAME)
			link = validate_link("Identitas Pelapor", self.identitas, json.dumps(["nama_lengkap"]))
			self.assertEqual(link.nama_lengkap, SECRET_NAME)
		# The grant is the reader's own: the Pejabat Yang Berwenang still sees the mask.
		with as_user(self.users["pyb"]):
			self.assertEqual(self.getdoc("Identitas Pelapor", self.identitas).nama_lengkap, MASK)
		[row] = self.log_rows()
		self.assertEqual(
			(row.pengguna, row.pengaduan, row.identitas_pelapor, row.alasan, row.pintu),
			(self.users["petugas"], self.rahasia.name, self.identitas, REASON, "form"),
		)

	def test_rest_returns_the_mask_then_the_values(self):
		client = self.http_client(self.users["pyb"])
		path = f"/api/resource/Identitas Pelapor/{self.identitas}"
		r = make_request(client.get, (path,), {})
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		self.assertEqual(r.json["data"]["nama_lengkap"], MASK)
		self.assertNotIn(SECRET_NAME, r.get_data(as_text=True))
		self.assertNotIn(SECRET_NIK, r.get_data(as_text=True))

		method = "/api/method/kpu_dumas.api.kerahasiaan.buka_identitas"
		r = make_request(client.post, (method,), {"data": {"pengaduan": self.rahasia.name, "pintu": "api"}})
		self.assertEqual(r.status_code, 417, r.get_data(as_text=True))  # no reason: refused
		r = make_request(
			client.post,
			(method,),
			{"data": {"pengaduan": self.rahasia.name, "alasan": REASON, "pintu": "api"}},
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		values = r.json["message"]["nilai"]
		self.assertEqual((values["nama_lengkap"], values["nomor_identitas"]), (SECRET_NAME, SECRET_NIK))

		r = make_request(client.get, (path,), {})
		self.assertEqual(r.json["data"]["nama_lengkap"], SECRET_NAME)
		frappe.db.rollback()  # see the HTTP request's committed row
		[row] = self.log_rows()
		self.assertEqual((row.pengguna, row.pintu, row.alasan), (self.users["pyb"], "api", REASON))

	def test_a_masked_save_keeps_the_stored_values(self):
		with as_user(self.users["petugas"]):
			doc = frappe.get_doc("Identitas Pelapor", self.identitas)
			pengungkapan.seal(doc)  # as a sealed form holds it
			self.assertEqual(doc.nama_lengkap, MASK)
			doc.pekerjaan = MASK
			doc.save()
		doc = frappe.get_doc("Identitas Pelapor", self.identitas)
		self.assertEqual(
			(doc.nama_lengkap, doc.nomor_identitas, doc.pekerjaan), (SECRET_NAME, SECRET_NIK, "Wiraswasta")
		)
		stored = frappe.db.get_value("Identitas Pelapor", self.identitas, ["nama_lengkap", "nomor_identitas"])
		self.assertTrue(all(v.startswith("kpu1$") for v in stored), stored)

	# --- print, report, export -----------------------------------------------------------------------------

	def test_a_letter_with_the_identity_prints_only_after_a_print_reveal(self):
		with as_user(self.users["petugas"]):
			# Jinja wraps the refusal in a PrintFormatError; its message says how to open the letter.
			with self.assertRaises((frappe.PermissionError, frappe.PrintFormatError)) as caught:
				frappe.get_print("Pengaduan", self.rahasia.name, print_format=LETTER)
			self.assertIn("Cetak Surat dengan Identitas", str(caught.exception))
			# The print view of the identity itself is masked.
			html = frappe.get_print("Identitas Pelapor", self.identitas)
			self.assertNotIn(SECRET_NAME, html)
			self.assertNotIn(SECRET_NIK, html)
			# A form reveal does not open the print door.
			buka_identitas(self.rahasia.name, REASON, "form")
			with self.assertRaises((frappe.PermissionError, frappe.PrintFormatError)):
				frappe.get_print("Pengaduan", self.rahasia.name, print_format=LETTER)

			buka_identitas(self.rahasia.name, "Mencetak tanda terima untuk pelapor", "print")
			self.assertIn(SECRET_NAME, frappe.get_print("Pengaduan", self.rahasia.name, print_format=LETTER))
			self.assertIn(SECRET_NAME, frappe.get_print("Identitas Pelapor", self.identitas))
		# Letters that never carry the identity print as before, for the Tim too.
		with as_user(self.users["petugas"]):
			pengungkapan.clear_grants()
			self.assertIn(
				"NOTA DINAS",
				frappe.get_print("Pengaduan", self.rahasia.name, print_format="Nota Dinas Pengaduan"),
			)
		self.assertEqual(sorted(r.pintu for r in self.log_rows()), ["form", "print"])

	def test_the_register_names_rahasia_reporters_only_with_a_reason(self):
		with as_user(self.users["pyb"]):
			self.assertEqual(self.reporter_of(self.register(), self.rahasia.name), "Dirahasiakan")
			with self.assertRaises(frappe.ValidationError):
				self.register(alasan_identitas="singkat")
			result = self.register(alasan_identitas=REASON)
			self.assertEqual(self.reporter_of(result, self.rahasia.name), SECRET_NAME)
			self.assertEqual(self.reporter_of(result, self.terbuka.name), OPEN_NAME)
			self.register(alasan_identitas=REASON)  # run again within the grant: nothing new to log
		for key in ("tim", "kasubag"):
			with self.subTest(user=key), as_user(self.users[key]), self.assertRaises(frappe.PermissionError):
				self.register(alasan_identitas=REASON)
		[row] = self.log_rows()
		self.assertEqual(
			(row.pengguna, row.pengaduan, row.identitas_pelapor, row.alasan, row.pintu),
			(self.users["pyb"], self.rahasia.name, self.identitas, REASON, "report"),
		)

	def test_an_export_with_a_reason_is_logged_as_export(self):
		from frappe.desk.query_report import export_query

		today = str(clock.office_today())
		filters = {
			"from_date": today,
			"to_date": today,
			"alasan_identitas": "Rekap untuk Pejabat Yang Berwenang",
		}
		# Frappe turns a report into a prepared one after a run over 15 s (a busy test machine): not here.
		frappe.db.set_value("Report", "Register Pengaduan", "prepared_report", 0)  # as shipped
		with as_user(self.users["petugas"]):
			frappe.local.form_dict = frappe._dict(
				cmd="frappe.desk.query_report.export_query",
				report_name="Register Pengaduan",
				filters=json.dumps(filters),
				file_format_type="CSV",
				visible_idx="[]",
			)
			export_query()
			self.assertIn(SECRET_NAME, frappe.response.filecontent.decode())

			from kpu_dumas.reports.export import build_report_xlsx

			frappe.local.form_dict = frappe._dict(cmd="kpu_dumas.reports.export.export_xlsx")
			build_report_xlsx("Register Pengaduan", filters)
			frappe.local.form_dict = frappe._dict()
		rows = self.log_rows()
		self.assertEqual([r.pintu for r in rows], ["export", "export"])  # every export is logged
		self.assertEqual({r.pengguna for r in rows}, {self.users["petugas"]})

	def test_one_log_row_per_door(self):
		with as_user(self.users["petugas"]):
			buka_identitas(self.rahasia.name, "Membuka formulir identitas", "form")
			buka_identitas(self.rahasia.name, "Mencetak surat tanggapan", "print")
			buka_identitas(self.rahasia.name, "Mengambil kontak lewat API", "api")
			self.register(alasan_identitas="Register dengan nama pelapor")
			frappe.local.form_dict = frappe._dict(cmd="kpu_dumas.reports.export.export_xlsx")
			from kpu_dumas.reports.export import build_report_xlsx

			today = str(clock.office_today())
			build_report_xlsx(
				"Register Pengaduan",
				{"from_date": today, "to_date": today, "alasan_identitas": "Unduhan register bernama"},
			)
			frappe.local.form_dict = frappe._dict()
		rows = {r.pintu: r for r in self.log_rows()}
		self.assertEqual(sorted(rows), sorted(("form", "print", "report", "export", "api")))
		for door, reason in (
			("form", "Membuka formulir identitas"),
			("print", "Mencetak surat tanggapan"),
			("api", "Mengambil kontak lewat API"),
			("report", "Register dengan nama pelapor"),
			("export", "Unduhan register bernama"),
		):
			row = rows[door]
			self.assertEqual(
				(row.pengguna, row.pengaduan, row.alasan), (self.users["petugas"], self.rahasia.name, reason)
			)
			self.assertTrue(row.waktu)

	# --- the log -------------------------------------------------------------------------------------------

	def test_nobody_edits_or_deletes_a_log_row(self):
		with as_user(self.users["petugas"]):
			buka_identitas(self.rahasia.name, REASON, "form")
		[row] = self.log_rows()
		for user in (self.users["sistem"], "Administrator"):
			with self.subTest(user=user), as_user(user):
				doc = frappe.get_doc(LOG, row.name)
				doc.alasan = "Diubah kemudian"
				with self.assertRaises(frappe.PermissionError):
					doc.save(ignore_permissions=True)
				with self.assertRaises(frappe.PermissionError):
					doc.db_set("alasan", "Diubah kemudian")
				with self.assertRaises(frappe.PermissionError):
					frappe.delete_doc(LOG, row.name)
				with self.assertRaises(frappe.PermissionError):
					frappe.delete_doc(LOG, row.name, force=True, ignore_permissions=True)
				frappe.db.savepoint("hapus_log")
				with self.assertRaises(frappe.PermissionError):
					frappe.delete_doc(
						LOG, row.name, force=True, ignore_permissions=True, ignore_on_trash=True
					)
				frappe.db.rollback(save_point="hapus_log")  # a request that raises rolls back
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc({**row, "doctype": LOG, "name": None, "alasan": "Baris buatan"}).insert(
						ignore_permissions=True
					)
		self.assertEqual(frappe.db.get_value(LOG, row.name, "alasan"), REASON)
		self.assertEqual(len(self.log_rows()), 1)

	def test_the_log_outlives_a_deleted_draft(self):
		ident = make_identitas(nama_lengkap="Draf Dihapus Uji", email="draf.dihapus@contoh.id")
		draft = make_pengaduan(rahasia=True, identitas=ident, perihal="Draf rahasia (uji pengungkapan)")
		with as_user(self.users["petugas"]):
			buka_identitas(draft.name, REASON, "form")
		frappe.delete_doc("Pengaduan", draft.name)  # the log's links do not hold the deletion up
		frappe.delete_doc("Identitas Pelapor", ident.name)
		self.assertEqual(frappe.db.count(LOG, {"pengaduan": draft.name, "identitas_pelapor": ident.name}), 1)
		frappe.db.delete(LOG, {"pengaduan": draft.name})

	def test_the_log_and_its_report_are_for_the_pejabat_and_system_manager(self):
		with as_user(self.users["petugas"]):
			buka_identitas(self.rahasia.name, REASON, "print")
		today = clock.office_today()
		filters = {"from_date": today, "to_date": today, "pengaduan": self.rahasia.name}
		for key in ("pyb", "sistem"):
			with self.subTest(user=key), as_user(self.users[key]):
				self.assertEqual(len(frappe.get_list(LOG, filters={"pengaduan": self.rahasia.name})), 1)
				result = run_report("Log Buka Identitas Pelapor", filters, are_default_filters=False)
				[line] = result["result"]
				self.assertEqual(
					(line["pengguna"], line["pengaduan"], line["alasan"], line["pintu"]),
					(self.users["petugas"], self.rahasia.name, REASON, "Cetak surat"),
				)
				self.assertEqual(
					len(run_report("Log Buka Identitas Pelapor", {**filters, "pintu": "form"})["result"]), 0
				)
		for key in ("petugas", "tim", "kasubag", "pimpinan"):
			with self.subTest(user=key), as_user(self.users[key]):
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list(LOG)
				with self.assertRaises(frappe.PermissionError):
					run_report("Log Buka Identitas Pelapor", filters)
				row = frappe.get_all(LOG, filters={"pengaduan": self.rahasia.name}, pluck="name")[0]
				with self.assertRaises(frappe.PermissionError):
					frappe.client.get(LOG, row)

	# --- non-rahasia ---------------------------------------------------------------------------------------

	def test_a_non_rahasia_identity_opens_as_before(self):
		with as_user(self.users["petugas"]):
			doc = self.getdoc("Identitas Pelapor", self.open_identitas)
			self.assertEqual(doc.nama_lengkap, OPEN_NAME)
			self.assertIsNone((doc.get("__onload") or {}).get("pengungkapan"))
			self.assertEqual(
				frappe.client.get("Identitas Pelapor", self.open_identitas)["nama_lengkap"], OPEN_NAME
			)
			opened = buka_identitas(self.terbuka.name, None, "api")  # no reason asked
			self.assertEqual(opened["nilai"]["nama_lengkap"], OPEN_NAME)
			self.assertIn(OPEN_NAME, frappe.get_print("Pengaduan", self.terbuka.name, print_format=LETTER))
		self.assertEqual(self.log_rows(), [])
