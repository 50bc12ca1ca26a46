"""A rahasia reporter's identity reaches only Petugas Penerima Aduan and Pejabat Yang Berwenang.

Checked through the real endpoints: REST over HTTP (Frappe's WSGI test client, as logged-in users and
as Guest), frappe.client.get, the list view, report view export, link search and print.
"""

import json

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from kpu_dumas import pengungkapan
from kpu_dumas.api.kerahasiaan import buka_identitas
from kpu_dumas.core.kerahasiaan import MASK
from kpu_dumas.permissions import get_kontak_pelapor
from kpu_dumas.tests.utils import (
	PASSWORD,
	advance,
	as_user,
	delete_identities,
	make_all_users,
	make_identitas,
	make_pengaduan,
)

SECRET_NAME = "Rahasia Nurhayati Uji"
SECRET_NIK = "7503016607850003"


class TestKerahasiaan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		ident = make_identitas(
			nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK, email="nur.uji@contoh.id"
		)
		cls.identitas = ident.name
		doc = make_pengaduan(rahasia=True, identitas=ident, perihal="Dugaan pungutan (uji kerahasiaan)")
		cls.rahasia = advance(doc, "Ditelaah", cls.users).name
		cls.terbuka = make_pengaduan(
			identitas=make_identitas(nama_lengkap="Terbuka Santoso Uji"),
			tim_pemeriksa=[{"anggota": cls.users["tim"]}],  # need to know: the Tim reads its own cases
		).name
		# The HTTP client runs in another thread with its own DB connection: it sees committed data only.
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		# Test clean-up only: SQL, past the log's controller.
		frappe.db.delete("Log Buka Identitas", {"pengaduan": cls.rahasia})
		pengungkapan.clear_grants()
		for name in (cls.rahasia, cls.terbuka):
			frappe.db.delete("Riwayat Tahap", {"parent": name})
			frappe.db.delete("ToDo", {"reference_name": name})
			frappe.db.delete("Pengaduan", {"name": name})
		delete_identities("nama_lengkap", [SECRET_NAME, "Terbuka Santoso Uji"])
		frappe.db.commit()
		super().tearDownClass()

	def assert_no_identity(self, payload, *, id_was_asked=False):
		"""Neither the name, the NIK nor the identity record's id (unless the caller sent it) appear."""
		text = payload if isinstance(payload, str) else json.dumps(payload, default=str)
		self.assertNotIn(SECRET_NAME, text)
		self.assertNotIn(SECRET_NIK, text)
		if not id_was_asked:
			self.assertNotIn(self.identitas, text)

	# --- HTTP -------------------------------------------------------------------------------------------

	def http_client(self, user=None):
		client = get_test_client()
		if user:
			r = make_request(client.post, ("/api/method/login",), {"data": {"usr": user, "pwd": PASSWORD}})
			self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		return client

	def get(self, client, path, **params):
		return make_request(client.get, (path,), {"query_string": params})

	def test_tim_gets_no_identity_over_rest(self):
		client = self.http_client(self.users["tim"])
		r = self.get(client, f"/api/resource/Pengaduan/{self.rahasia}")
		self.assertEqual(r.status_code, 200)
		data = r.json["data"]
		self.assertEqual(data["perihal"], "Dugaan pungutan (uji kerahasiaan)")
		self.assertNotIn("identitas_pelapor", data)
		self.assert_no_identity(r.get_data(as_text=True))

		for fields in (["name", "identitas_pelapor"], ["*"]):
			r = self.get(
				client,
				"/api/resource/Pengaduan",
				fields=json.dumps(fields),
				filters=json.dumps([["name", "=", self.rahasia]]),
			)
			self.assertEqual(r.status_code, 200, fields)
			self.assertEqual(len(r.json["data"]), 1)
			self.assertNotIn("identitas_pelapor", r.json["data"][0])
			self.assert_no_identity(r.get_data(as_text=True))

		for path, params in (
			(f"/api/resource/Identitas Pelapor/{self.identitas}", {}),
			("/api/method/frappe.client.get", {"doctype": "Identitas Pelapor", "name": self.identitas}),
			(
				"/api/method/frappe.client.get_value",
				{"doctype": "Identitas Pelapor", "filters": self.identitas, "fieldname": "nama_lengkap"},
			),
		):
			r = self.get(client, path, **params)
			self.assertEqual(r.status_code, 403, path)
			self.assert_no_identity(r.get_data(as_text=True), id_was_asked=True)

		r = self.get(client, "/api/resource/Identitas Pelapor", fields=json.dumps(["nama_lengkap"]))
		self.assertIn(r.status_code, (200, 403))
		self.assert_no_identity(r.get_data(as_text=True))

	def test_guest_gets_nothing_over_rest(self):
		client = self.http_client()
		for path in (
			f"/api/resource/Pengaduan/{self.rahasia}",
			"/api/resource/Pengaduan",
			f"/api/resource/Identitas Pelapor/{self.identitas}",
			"/api/resource/Identitas Pelapor",
		):
			r = self.get(client, path)
			self.assertEqual(r.status_code, 403, path)
			self.assert_no_identity(r.get_data(as_text=True), id_was_asked=self.identitas in path)

	def test_petugas_sees_the_identity_over_rest(self):
		client = self.http_client(self.users["petugas"])
		r = self.get(client, f"/api/resource/Identitas Pelapor/{self.identitas}")
		self.assertEqual(r.status_code, 200)
		self.assertEqual(r.json["data"]["nama_lengkap"], MASK)  # rahasia: sealed until a reveal
		r = make_request(
			client.post,
			("/api/method/kpu_dumas.api.kerahasiaan.buka_identitas",),
			{"data": {"pengaduan": self.rahasia, "alasan": "Uji akses identitas lewat REST", "pintu": "api"}},
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		r = self.get(client, f"/api/resource/Identitas Pelapor/{self.identitas}")
		self.assertEqual(r.json["data"]["nama_lengkap"], SECRET_NAME)

	# --- in-process endpoints -----------------------------------------------------------------------

	def test_tim_list_view_export_search_and_print_hide_the_identity(self):
		from frappe.desk.reportview import get as reportview_get
		from frappe.desk.search import search_link

		with as_user(self.users["tim"]):
			self.assert_no_identity(frappe.client.get("Pengaduan", self.rahasia))
			rows = frappe.get_list(
				"Pengaduan", fields=["name", "identitas_pelapor"], filters={"name": self.rahasia}
			)
			self.assertEqual(rows, [{"name": self.rahasia}])
			frappe.local.form_dict = frappe._dict(
				doctype="Pengaduan",
				fields=json.dumps(["`tabPengaduan`.`name`", "`tabPengaduan`.`identitas_pelapor`"]),
				filters=json.dumps([["Pengaduan", "name", "=", self.rahasia]]),
			)
			self.assert_no_identity(reportview_get())
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list("Identitas Pelapor", fields=["nama_lengkap"])
			with self.assertRaises(frappe.PermissionError):
				search_link("Identitas Pelapor", "Nurhayati")
			html = frappe.get_print("Pengaduan", self.rahasia)
			self.assertIn("Dugaan pungutan", html)
			self.assert_no_identity(html)
			self.assertEqual(get_kontak_pelapor(self.rahasia), {"status": "rahasia"})

	def test_non_confidential_contact_is_open_to_the_team_only_through_the_contact_method(self):
		with as_user(self.users["tim"]):
			contact = get_kontak_pelapor(self.terbuka)
		self.assertEqual(contact["status"], "terbuka")
		self.assertEqual(contact["nama_lengkap"], "Terbuka Santoso Uji")
		with as_user(self.users["lain"]), self.assertRaises(frappe.PermissionError):
			get_kontak_pelapor(self.terbuka)

	def test_pejabat_yang_berwenang_reads_the_rahasia_identity(self):
		with as_user(self.users["pyb"]):
			doc = frappe.client.get("Pengaduan", self.rahasia)
			self.assertEqual(doc["identitas_pelapor"], self.identitas)
			buka_identitas(self.rahasia, "Uji akses Pejabat Yang Berwenang", "form")  # a reason first
			self.assertEqual(
				frappe.client.get("Identitas Pelapor", self.identitas)["nama_lengkap"], SECRET_NAME
			)
			self.assertEqual(get_kontak_pelapor(self.rahasia)["nama_lengkap"], SECRET_NAME)
