"""Identities encrypted at rest (issue 13, item 1), on a real site: what the database holds, what the
readers see, the blind indexes, key rotation, the migration patch, and a dump of the whole database (and
a `bench backup` file) after rahasia cases went through every state, a delete, an error and emails.

	bench --site S run-tests --app kpu_dumas --module kpu_dumas.tests.test_enkripsi
"""

from __future__ import annotations

import email
import gzip
import io
import itertools
import json
import logging
import os
import subprocess
from unittest.mock import patch

import cssutils
import frappe
from cryptography.fernet import Fernet
from frappe.desk.form.load import getdoc
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_test_client

from kpu_dumas import clock, duplicates, kerahasiaan
from kpu_dumas.api import jalur
from kpu_dumas.batas_pengajuan import reset_reporter_counters
from kpu_dumas.core import duplicates as rules_dup
from kpu_dumas.core import kerahasiaan as core
from kpu_dumas.kpu_dumas.report.register_keberatan_informasi import register_keberatan_informasi
from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
from kpu_dumas.kpu_dumas.report.register_permohonan_informasi import register_permohonan_informasi
from kpu_dumas.patches.v0_1 import encrypt_identities
from kpu_dumas.tests import samples, test_portal
from kpu_dumas.tests.test_surat import pdf_text
from kpu_dumas.tests.utils import (
	COMPLETE,
	GRANTED_NOTICE,
	AssetServer,
	act,
	advance,
	as_user,
	make_all_users,
	make_identitas,
	make_pengaduan,
	make_permohonan,
)

KATEGORI = "Uji Enkripsi"
IDENTITY = {
	"nama_lengkap": "Wulandari Sandiuji Terbuka",
	"jenis_identitas": "KTP",
	"nomor_identitas": "7503016304850003",
	"alamat": "Jl. Cempaka Sandiuji No. 12, Marisa",
	"telepon": "081355512001",
	"email": "wulandari.sandiuji@contoh.id",
	"pekerjaan": "Guru Sandiuji",
}
REQUESTER = {
	"nama_pemohon": "Hasan Sandiuji Pemohon",
	"nomor_identitas": "7503011207880005",
	"alamat": "Jl. Nuri Sandiuji No. 4, Paguat",
	"telepon": "081355512002",
	"email": "hasan.sandiuji@contoh.id",
}


def raw_row(doctype: str, name: str) -> dict:
	"""The row as the database holds it (no document, no decryption)."""
	return frappe.db.sql(f"select * from `tab{doctype}` where name = %s", name, as_dict=True)[0]


def make_keberatan(request, **values):
	return frappe.get_doc(
		{
			"doctype": "Keberatan Informasi",
			"permohonan": request.name,
			"tanggal_penyebab": frappe.utils.today(),
			"alasan": "c. Tidak ditanggapinya permintaan informasi",
			"kasus_posisi": "Permohonan belum ditanggapi.",
			**values,
		}
	).insert(ignore_permissions=True)


class TestEnkripsi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		reset_reporter_counters()  # earlier runs today took this reporter's portal slots
		cls.addClassCleanup(cssutils.log.setLevel, cssutils.log.getEffectiveLevel())
		cssutils.log.setLevel(logging.CRITICAL)
		cls.users = make_all_users()
		if not frappe.db.exists("Kategori Pengaduan", KATEGORI):
			frappe.get_doc({"doctype": "Kategori Pengaduan", "kategori": KATEGORI}).insert(
				ignore_permissions=True
			)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		frappe.local.outgoing_email_account = {}

	# --- what the database holds --------------------------------------------------------------------------

	def test_raw_rows_hold_only_ciphertext_and_the_blind_indexes(self):
		ident = make_identitas(**IDENTITY, nama_kuasa="Kuasa Sandiuji", nomor_identitas_kuasa="KU-778899")
		request = make_permohonan(**REQUESTER)
		objection = make_keberatan(request)
		cases = [
			("Identitas Pelapor", ident.name, {**IDENTITY, "nama_kuasa": "Kuasa Sandiuji"}),
			("Permohonan Informasi", request.name, REQUESTER),
			("Keberatan Informasi", objection.name, REQUESTER),
		]
		for doctype, name, given in cases:
			row = raw_row(doctype, name)
			for fieldname in kerahasiaan.ENCRYPTED[doctype]:
				if row.get(fieldname):
					self.assertTrue(
						core.is_encrypted(row[fieldname]), f"{doctype}.{fieldname}: {row[fieldname]}"
					)
			stored = " ".join(str(v) for v in row.values())
			for fieldname in kerahasiaan.ENCRYPTED[doctype]:
				if (
					len(given.get(fieldname) or "") >= 8
				):  # a short value ("KTP") may occur in base64 by chance
					self.assertNotIn(given[fieldname], stored, f"{doctype}.{fieldname} in plaintext")
			doc = frappe.get_doc(doctype, name)
			for fieldname in kerahasiaan.ENCRYPTED[doctype]:
				if fieldname in given:
					self.assertEqual(doc.get(fieldname), given[fieldname], f"{doctype}.{fieldname}")

		# the indexes are the keyed hashes of the normalised values; the ciphertext differs every time
		expected = kerahasiaan.blind_indexes(
			IDENTITY["nomor_identitas"], IDENTITY["telepon"], IDENTITY["email"]
		)
		row = raw_row("Identitas Pelapor", ident.name)
		self.assertEqual(row.indeks_nik, expected[rules_dup.SAME_NIK])
		self.assertEqual(row.indeks_telepon, expected[rules_dup.SAME_PHONE])
		self.assertEqual(row.indeks_email, expected[rules_dup.SAME_EMAIL])
		self.assertEqual(
			raw_row("Permohonan Informasi", request.name).indeks_email,
			kerahasiaan.blind_indexes(email=REQUESTER["email"])[rules_dup.SAME_EMAIL],
		)
		again = make_identitas(**IDENTITY)
		self.assertNotEqual(raw_row("Identitas Pelapor", again.name).nomor_identitas, row.nomor_identitas)
		self.assertEqual(raw_row("Identitas Pelapor", again.name).indeks_nik, row.indeks_nik)

	def test_a_saved_change_and_a_direct_write_stay_encrypted_and_versions_show_no_value(self):
		ident = make_identitas(**IDENTITY)
		doc = frappe.get_doc("Identitas Pelapor", ident.name)
		doc.telepon = "081355512999"
		doc.jenis_identitas = "Paspor"
		doc.save(ignore_permissions=True, ignore_version=False)  # tests skip the Version by default
		self.assertEqual(doc.telepon, "081355512999")  # the document keeps the plaintext after the write
		row = raw_row("Identitas Pelapor", ident.name)
		self.assertTrue(core.is_encrypted(row.telepon))
		self.assertEqual(kerahasiaan.decrypt(row.telepon), "081355512999")
		self.assertEqual(
			row.indeks_telepon, kerahasiaan.blind_indexes(phone="081355512999")[rules_dup.SAME_PHONE]
		)
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Identitas Pelapor", "docname": ident.name}, pluck="data"
		)
		self.assertTrue(
			versions,
			frappe.get_all("Version", fields=["ref_doctype", "docname"], limit=5, order_by="creation desc"),
		)
		self.assertNotIn("081355512999", " ".join(versions))
		self.assertNotIn(IDENTITY["telepon"], " ".join(versions))
		self.assertNotIn("Paspor", " ".join(versions))

		doc.db_set("email", "baru.sandiuji@contoh.id")
		self.assertEqual(doc.email, "baru.sandiuji@contoh.id")
		row = raw_row("Identitas Pelapor", ident.name)
		self.assertEqual(kerahasiaan.decrypt(row.email), "baru.sandiuji@contoh.id")
		self.assertEqual(
			row.indeks_email, kerahasiaan.blind_indexes(email="baru.sandiuji@contoh.id")[rules_dup.SAME_EMAIL]
		)

	def test_the_plaintext_keeps_the_usual_length_limit(self):
		with self.assertRaises(frappe.CharacterLengthExceededError) as ctx:
			make_identitas(**{**IDENTITY, "nama_lengkap": "N" * 141})
		self.assertIn("Nama Lengkap terlalu panjang: 141 karakter, paling banyak 140", str(ctx.exception))
		make_identitas(**{**IDENTITY, "nama_lengkap": "N" * 140})  # the limit itself is allowed

	def test_an_objection_fetches_its_requests_phone_decrypted_and_stores_it_encrypted(self):
		request = make_permohonan(**REQUESTER)
		objection = make_keberatan(request)
		self.assertEqual(objection.telepon, REQUESTER["telepon"])
		self.assertEqual(objection.alamat, REQUESTER["alamat"])
		row = raw_row("Keberatan Informasi", objection.name)
		self.assertTrue(core.is_encrypted(row.telepon))
		self.assertNotEqual(row.telepon, raw_row("Permohonan Informasi", request.name).telepon)
		self.assertEqual(frappe.get_doc("Keberatan Informasi", objection.name).telepon, REQUESTER["telepon"])
		# the Desk's link check (fetch on picking the request) hands the form the plaintext too
		with as_user(self.users["desk"]):
			fetched = kerahasiaan.validate_link(
				"Permohonan Informasi", request.name, '["telepon", "alamat", "email"]'
			)
		self.assertEqual((fetched.telepon, fetched.alamat), (REQUESTER["telepon"], REQUESTER["alamat"]))

	def test_a_deleted_record_leaves_only_ciphertext_in_deleted_document(self):
		ident = make_identitas(**IDENTITY)
		request = make_permohonan(**REQUESTER)
		frappe.delete_doc("Identitas Pelapor", ident.name, ignore_permissions=True)
		frappe.delete_doc("Permohonan Informasi", request.name, ignore_permissions=True)
		for doctype, name, given in (
			("Identitas Pelapor", ident.name, IDENTITY),
			("Permohonan Informasi", request.name, REQUESTER),
		):
			data = frappe.db.get_value(
				"Deleted Document", {"deleted_doctype": doctype, "deleted_name": name}, "data"
			)
			self.assertTrue(data, f"{doctype}: no Deleted Document")
			copy = frappe.parse_json(data)
			for fieldname in kerahasiaan.ENCRYPTED[doctype]:
				if given.get(fieldname):
					# a short value ("KTP") can turn up inside random base64: it must be no field's value
					if len(given[fieldname]) >= 8:
						self.assertNotIn(given[fieldname], data, f"{doctype}.{fieldname}")
					self.assertNotIn(given[fieldname], copy.values(), f"{doctype}.{fieldname}")
					self.assertEqual(kerahasiaan.decrypt(copy[fieldname]), given[fieldname])

		# restored, it is the record it was: plaintext in the document, ciphertext in the row
		from frappe.core.doctype.deleted_document.deleted_document import restore

		deleted = frappe.db.get_value(
			"Deleted Document", {"deleted_doctype": "Identitas Pelapor", "deleted_name": ident.name}
		)
		restore(deleted, alert=False)
		name = frappe.db.get_value("Deleted Document", deleted, "new_name")
		restored = frappe.get_doc("Identitas Pelapor", name)
		self.assertEqual((restored.nama_lengkap, restored.jenis_identitas), (IDENTITY["nama_lengkap"], "KTP"))
		self.assertTrue(core.is_encrypted(raw_row("Identitas Pelapor", name).nama_lengkap))

	# --- readers see the values -----------------------------------------------------------------------------

	def test_readers_see_the_values_in_the_form_letter_register_and_email(self):
		created = test_portal.TestPortal.ensure_outgoing_email()
		ident = make_identitas(**IDENTITY)
		with as_user(self.users["petugas"]):
			complaint = make_pengaduan(
				identitas=ident, kategori=KATEGORI, perihal="Loket salinan tutup sebelum waktunya"
			)
			getdoc("Identitas Pelapor", ident.name)
		# the one just loaded: frappe.response collects every getdoc of the test run
		form = frappe.response.docs[-1]
		for fieldname in ("nama_lengkap", "nomor_identitas", "alamat", "telepon", "email", "pekerjaan"):
			self.assertEqual(form.get(fieldname), IDENTITY[fieldname], fieldname)

		# the letter the Petugas prints carries the name, NIK and address
		with AssetServer(), as_user(self.users["petugas"]):
			pdf = frappe.get_print(
				"Pengaduan", complaint.name, print_format="Formulir Pengaduan", as_pdf=True
			)
		text = pdf_text(pdf)
		for fieldname in ("nama_lengkap", "nomor_identitas"):
			self.assertIn(IDENTITY[fieldname], text, fieldname)
		self.assertIn("Cempaka Sandiuji", text)

		# the register shows the reporter's name
		with as_user(self.users["petugas"]):
			rows = register_pengaduan.execute(
				{"periode": "Tahunan", "tahun": frappe.utils.getdate().year, "kategori": KATEGORI}
			)[1]
		self.assertIn(
			IDENTITY["nama_lengkap"], [r.get("pelapor") for r in rows if r.get("name") == complaint.name]
		)

		request = make_permohonan(**REQUESTER)
		objection = make_keberatan(request)
		year = {"periode": "Tahunan", "tahun": frappe.utils.getdate().year}
		with as_user(self.users["ppid"]):
			requests = {r["name"]: r for r in register_permohonan_informasi.execute(year)[1] if r.get("name")}
			objections = {
				r["name"]: r for r in register_keberatan_informasi.execute(year)[1] if r.get("name")
			}
		self.assertEqual(requests[request.name]["alamat"], REQUESTER["alamat"])
		self.assertIn(REQUESTER["telepon"], requests[request.name]["kontak"])
		self.assertEqual(objections[objection.name]["alamat"], REQUESTER["alamat"])
		self.assertIn(REQUESTER["telepon"], objections[objection.name]["kontak"])

		# the reporter's first email goes to the decrypted address, and its body names no identity value
		queued = frappe.get_all(
			"Email Queue", filters={"reference_name": complaint.name}, fields=["name", "message"]
		)
		self.assertTrue(queued, "no email to the reporter")
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", [q.name for q in queued])}, pluck="recipient"
		)
		self.assertIn(IDENTITY["email"], recipients)
		bodies = " ".join(decoded_mime(q.message) for q in queued)
		for fieldname in ("nama_lengkap", "nomor_identitas", "alamat", "telepon"):
			self.assertNotIn(IDENTITY[fieldname], bodies, fieldname)
		if created:
			frappe.delete_doc(
				"Email Account", test_portal.TEST_EMAIL_ACCOUNT, force=True, ignore_permissions=True
			)

	def test_contact_for_staff_and_redirect_values_are_decrypted(self):
		from kpu_dumas.permissions import get_kontak_pelapor

		ident = make_identitas(**IDENTITY)
		complaint = make_pengaduan(identitas=ident, kategori=KATEGORI)
		with as_user(self.users["petugas"]):
			contact = get_kontak_pelapor(complaint.name)
			moved = jalur.data_pengalihan("Pengaduan", complaint.name)
		self.assertEqual((contact["telepon"], contact["alamat"]), (IDENTITY["telepon"], IDENTITY["alamat"]))
		self.assertEqual(
			(moved["nomor_identitas"], moved["telepon"]), (IDENTITY["nomor_identitas"], IDENTITY["telepon"])
		)

	def test_the_report_view_and_its_export_decrypt_and_keep_a_rahasia_identity_masked(self):
		from openpyxl import load_workbook

		from kpu_dumas.reports.report_view import export_query

		known = make_identitas(**IDENTITY)
		make_pengaduan(identitas=known, kategori=KATEGORI)
		secret = make_identitas(**{**IDENTITY, "nama_lengkap": "Rahasia Sandiuji", "telepon": "081355512777"})
		make_pengaduan(rahasia=True, identitas=secret, kategori=KATEGORI)
		request = make_permohonan(**REQUESTER)
		table = "`tabIdentitas Pelapor`"
		query = {
			"doctype": "Identitas Pelapor",
			"fields": json.dumps([f"{table}.`name`", f"{table}.`nama_lengkap`", f"{table}.`telepon`"]),
			"filters": json.dumps([["Identitas Pelapor", "name", "in", [known.name, secret.name]]]),
		}
		with as_user(self.users["petugas"]):
			frappe.local.form_dict = frappe._dict(query)
			data = kerahasiaan.reportview_get()
		with as_user(self.users["sistem"]):  # the System Manager may export Identitas Pelapor
			frappe.local.form_dict = frappe._dict(query, file_format_type="Excel", title="Identitas")
			export_query()
		rows = {
			row[data["keys"].index("name")]: dict(zip(data["keys"], row, strict=True))
			for row in data["values"]
		}
		self.assertEqual(
			(rows[known.name]["nama_lengkap"], rows[known.name]["telepon"]),
			(IDENTITY["nama_lengkap"], IDENTITY["telepon"]),
		)
		self.assertEqual(
			(rows[secret.name]["nama_lengkap"], rows[secret.name]["telepon"]), (core.MASK, core.MASK)
		)
		book = load_workbook(io.BytesIO(frappe.response["filecontent"]))
		cells = [
			str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value
		]
		self.assertIn(IDENTITY["nama_lengkap"], cells)
		self.assertIn(core.MASK, cells)
		self.assertFalse([c for c in cells if c.startswith(core.PREFIX) or "Rahasia Sandiuji" in c])

		with as_user(self.users["ppid"]):
			frappe.local.form_dict = frappe._dict(
				doctype="Permohonan Informasi",
				fields=json.dumps(
					["`tabPermohonan Informasi`.`name`", "`tabPermohonan Informasi`.`telepon`"]
				),
				filters=json.dumps([["Permohonan Informasi", "name", "=", request.name]]),
			)
			data = kerahasiaan.reportview_get()
		self.assertEqual(data["values"][0][data["keys"].index("telepon")], REQUESTER["telepon"])

	# --- blind indexes --------------------------------------------------------------------------------------

	def test_the_blind_index_finds_a_repeat_reporter_and_the_duplicate_check_flags_it(self):
		first = make_identitas(**IDENTITY)
		# the same phone written the other way, another NIK and email
		repeat = make_identitas(
			**{
				**IDENTITY,
				"nomor_identitas": "7503016304850099",
				"email": "lain.sandiuji@contoh.id",
				"telepon": "+6281355512001",
			}
		)
		stranger = make_identitas(
			**{
				**IDENTITY,
				"nomor_identitas": "7503016304850088",
				"email": "asing.sandiuji@contoh.id",
				"telepon": "081355512888",
			}
		)
		found = {r.name for r in kerahasiaan.find_by_index("Identitas Pelapor", phone="0813-5551-2001")}
		self.assertEqual(found, {first.name, repeat.name})
		found = {r.name for r in kerahasiaan.find_by_index("Identitas Pelapor", nik="7503.0163.0485.0003")}
		self.assertEqual(found, {first.name})

		earlier = make_pengaduan(
			identitas=first, kategori=KATEGORI, perihal="Petugas pantarlih tidak datang ke rumah"
		)
		again = make_pengaduan(
			identitas=repeat, kategori=KATEGORI, perihal="Formulir model A hilang di kantor desa"
		)
		other = make_pengaduan(
			identitas=stranger, kategori=KATEGORI, perihal="Papan pengumuman DPS rusak diterpa hujan"
		)
		self.assertTrue(frappe.db.get_value("Pengaduan", again.name, "kemungkinan_duplikat"))
		self.assertFalse(frappe.db.get_value("Pengaduan", other.name, "kemungkinan_duplikat"))
		match = next(m for m, row in duplicates.find(again) if m.name == earlier.name)
		self.assertEqual(set(match.bases), {rules_dup.SAME_PHONE})

	def test_staff_look_a_reporter_up_by_exact_nik_phone_or_email(self):
		ident = make_identitas(**IDENTITY)
		open_case = make_pengaduan(identitas=ident, kategori=KATEGORI, perihal="Loket tutup lebih awal")
		hidden = make_identitas(**{**IDENTITY, "email": "lain.sandiuji@contoh.id"})
		make_pengaduan(rahasia=True, identitas=hidden, kategori=KATEGORI, perihal="Pungutan liar")
		with as_user(self.users["petugas"]):
			found = kerahasiaan.cari_pelapor(nik="7503.0163.0485.0003")
			by_email = kerahasiaan.cari_pelapor(email="WULANDARI.SANDIUJI@contoh.id")
			nothing = kerahasiaan.cari_pelapor(telepon="081355500000")
		self.assertEqual(found["identitas"], [ident.name])  # the rahasia one is not named
		self.assertEqual([c["name"] for c in found["pengaduan"]], [open_case.name])
		self.assertEqual(found["rahasia_disembunyikan"], 1)
		self.assertEqual(by_email["identitas"], [ident.name])
		self.assertEqual((nothing["identitas"], nothing["pengaduan"]), ([], []))
		with as_user(self.users["tim"]), self.assertRaises(frappe.PermissionError):
			kerahasiaan.cari_pelapor(nik=IDENTITY["nomor_identitas"])
		with as_user(self.users["petugas"]), self.assertRaises(frappe.ValidationError):
			kerahasiaan.cari_pelapor(nik=" ")

	# --- the key: rotation and the migration patch -----------------------------------------------------------

	def test_key_rotation_round_trips(self):
		ident = make_identitas(**IDENTITY)
		request = make_permohonan(**REQUESTER)
		old_key = frappe.local.conf.encryption_key
		new_key = Fernet.generate_key().decode()
		before = raw_row("Identitas Pelapor", ident.name)
		try:
			frappe.local.conf.encryption_key = new_key
			counts = kerahasiaan.rotate_key(old_key, commit=False)
			self.assertGreaterEqual(counts["Identitas Pelapor"], 1)
			after = raw_row("Identitas Pelapor", ident.name)
			self.assertNotEqual(after.nama_lengkap, before.nama_lengkap)
			self.assertNotEqual(after.indeks_nik, before.indeks_nik)  # the index key follows the site key
			with self.assertRaises(Exception):
				kerahasiaan.decrypt(after.nama_lengkap, old_key)
			self.assertEqual(
				frappe.get_doc("Identitas Pelapor", ident.name).nama_lengkap, IDENTITY["nama_lengkap"]
			)
			self.assertEqual(
				frappe.get_doc("Permohonan Informasi", request.name).telepon, REQUESTER["telepon"]
			)
			self.assertIn(
				ident.name,
				{
					r.name
					for r in kerahasiaan.find_by_index("Identitas Pelapor", nik=IDENTITY["nomor_identitas"])
				},
			)
			self.assertEqual(
				kerahasiaan.rotate_key(old_key, commit=False)["Identitas Pelapor"], 0
			)  # twice: nothing left
			# and back
			frappe.local.conf.encryption_key = old_key
			kerahasiaan.rotate_key(new_key, commit=False)
		finally:
			frappe.local.conf.encryption_key = old_key
		back = raw_row("Identitas Pelapor", ident.name)
		self.assertEqual(back.indeks_nik, before.indeks_nik)
		self.assertEqual(
			frappe.get_doc("Identitas Pelapor", ident.name).nama_lengkap, IDENTITY["nama_lengkap"]
		)
		with self.assertRaises(frappe.ValidationError):
			kerahasiaan.rotate_key(old_key, commit=False)  # the "old" key is the current one: refused

	def test_the_patch_encrypts_legacy_plaintext_once(self):
		ident = make_identitas(**IDENTITY)
		request = make_permohonan(**REQUESTER)
		# as a site recorded them before the encryption: plaintext, no indexes
		legacy = {f: IDENTITY.get(f) for f in kerahasiaan.ENCRYPTED["Identitas Pelapor"]}
		frappe.db.set_value(
			"Identitas Pelapor",
			ident.name,
			{**legacy, "indeks_nik": None, "indeks_telepon": None, "indeks_email": None},
			update_modified=False,
		)
		frappe.db.set_value(
			"Permohonan Informasi",
			request.name,
			{f: REQUESTER[f] for f in kerahasiaan.ENCRYPTED["Permohonan Informasi"]},
			update_modified=False,
		)
		self.assertEqual(raw_row("Identitas Pelapor", ident.name).nama_lengkap, IDENTITY["nama_lengkap"])
		with patch.object(frappe.db, "commit"):  # keep the test's transaction
			encrypt_identities.execute()
		row = raw_row("Identitas Pelapor", ident.name)
		for fieldname, value in legacy.items():
			if value:
				self.assertTrue(core.is_encrypted(row[fieldname]), fieldname)
				self.assertEqual(kerahasiaan.decrypt(row[fieldname]), value)
		self.assertEqual(
			row.indeks_nik, kerahasiaan.blind_indexes(nik=IDENTITY["nomor_identitas"])[rules_dup.SAME_NIK]
		)
		self.assertTrue(core.is_encrypted(raw_row("Permohonan Informasi", request.name).nomor_identitas))
		self.assertEqual(kerahasiaan.reencrypt_all(), {doctype: 0 for doctype in kerahasiaan.ENCRYPTED})
		self.assertIn(
			"kpu_dumas.patches.v0_1.encrypt_identities",
			frappe.get_file_items(frappe.get_app_path("kpu_dumas", "patches.txt")),
		)

	# --- the queue and errors ----------------------------------------------------------------------------

	def test_sent_mail_about_our_records_leaves_the_queue(self):
		def queue(reference_doctype, status):
			doc = frappe.get_doc(
				{
					"doctype": "Email Queue",
					"sender": "kantor@kpu-dumas.test",
					"message": "To: penerima.sandiuji@contoh.id\n\nIsi",
					"reference_doctype": reference_doctype,
					"reference_name": "X",
					"status": status,
					"recipients": [{"recipient": "penerima.sandiuji@contoh.id", "status": status}],
				}
			).insert(ignore_permissions=True)
			return doc.name

		sent = queue("Pengaduan", "Sent")
		waiting = queue("Permohonan Informasi", "Not Sent")
		other = queue("ToDo", "Sent")
		self.assertGreaterEqual(kerahasiaan.purge_sent_email(), 1)
		self.assertFalse(frappe.db.exists("Email Queue", sent))
		self.assertFalse(frappe.db.exists("Email Queue Recipient", {"parent": sent}))
		self.assertTrue(frappe.db.exists("Email Queue", waiting))  # not sent yet: the address is still needed
		self.assertTrue(frappe.db.exists("Email Queue", other))
		self.assertIn(
			"kpu_dumas.kerahasiaan.purge_sent_email", frappe.get_hooks("scheduler_events")["hourly"]
		)

	def test_an_error_log_holds_no_local_variables_nor_the_values(self):
		nik = IDENTITY["nomor_identitas"]

		def fails(nomor_identitas):
			secret_local = f"memuat {nomor_identitas}"  # noqa: F841 (a local variable Frappe would log)
			raise RuntimeError(f"gagal untuk {nomor_identitas}")

		try:
			fails(nik)
		except RuntimeError:
			kerahasiaan.log_error("uji galat", [nik])
		error = frappe.get_all(
			"Error Log", filters={"method": "uji galat"}, pluck="error", order_by="creation desc"
		)[0]
		self.assertIn("RuntimeError", error)
		self.assertIn("fails", error)  # the frames stay, for the developer
		self.assertNotIn(nik, error)
		self.assertNotIn("secret_local", error)


def decoded_mime(message: str | None) -> str:
	"""A queued message with every MIME part decoded (base64 or quoted-printable bodies)."""
	if not message:
		return ""
	parsed = email.message_from_string(message)
	parts = [str(v) for v in parsed.values()]
	for part in parsed.walk():
		payload = part.get_payload(decode=True)
		if payload:
			parts.append(payload.decode(part.get_content_charset() or "utf-8", errors="replace"))
	return message + "\n" + "\n".join(parts)


# --- the dump test ----------------------------------------------------------------------------------------

MARKER = "Dumpuji"  # in every identity value below, and nowhere else
CASES = (
	"selesai",
	"ditolak",
	"dicabut",
	"dibatalkan",
	"digabungkan",
	"diteruskan",
	"portal",
	"draf",
	"galat",
)
REQUEST_NIK = "7503015507830099"
_addresses = itertools.count(21)


def dump_identity(i: int) -> dict:
	letter = "ABCDEFGHIJ"[i]
	return {
		"nama_lengkap": f"Zulaikha {MARKER} {letter}ulan",
		"jenis_identitas": "KTP",
		"nomor_identitas": f"75030155078300{i + 10}",
		"alamat": f"Jl. Kenari {MARKER} No. {i + 70}, Marisa",
		"telepon": f"0813987600{i + 10}",
		"email": f"zulaikha.{MARKER.lower()}{i}@contoh.id",
		"pekerjaan": f"Penyuluh {MARKER}",
	}


def forbidden_values(identity: dict) -> list[str]:
	values = [v for k, v in identity.items() if k != "jenis_identitas"]
	phone = identity["telepon"]
	return [*values, "+62" + phone[1:], phone[1:]]


class TestDumpTanpaIdentitas(FrappeTestCase):
	"""After rahasia cases went through every state, one was deleted in draft, one errored in the portal
	and the emails went out, neither `mysqldump` nor `bench backup` holds any of their identity values."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		reset_reporter_counters()  # earlier runs today took this reporter's portal slots
		cls.addClassCleanup(cssutils.log.setLevel, cssutils.log.getEffectiveLevel())
		cssutils.log.setLevel(logging.CRITICAL)
		cls.users = make_all_users()
		cls.cleanup()  # what a cut-short run left
		if not frappe.db.exists("Kategori Pengaduan", KATEGORI):
			frappe.get_doc({"doctype": "Kategori Pengaduan", "kategori": KATEGORI}).insert(
				ignore_permissions=True
			)
		cls.created_account = test_portal.TestPortal.ensure_outgoing_email()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		cls.cleanup()
		if cls.created_account:
			frappe.delete_doc(
				"Email Account", test_portal.TEST_EMAIL_ACCOUNT, force=True, ignore_permissions=True
			)
		frappe.local.outgoing_email_account = {}
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def cleanup(cls):
		complaints = frappe.get_all("Pengaduan", filters={"kategori": KATEGORI}, pluck="name")
		complaints += frappe.get_all("Pengaduan", filters={"perihal": ("like", "%(uji dump)%")}, pluck="name")
		requests = frappe.get_all(
			"Permohonan Informasi", filters={"tujuan_penggunaan": ("like", "%(uji dump)%")}, pluck="name"
		)
		requests += frappe.get_all(
			"Permohonan Informasi",
			filters={"berasal_dari_pengaduan": ("in", complaints or [""])},
			pluck="name",
		)
		objections = frappe.get_all(
			"Keberatan Informasi", filters={"permohonan": ("in", requests or [""])}, pluck="name"
		)
		reporters = frappe.get_all(
			"Pengaduan", filters={"name": ("in", complaints or [""])}, pluck="identitas_pelapor"
		)
		reporters += frappe.get_all(
			"Identitas Pelapor", filters={"pekerjaan": ("like", f"%{MARKER}%")}, pluck="name"
		)  # plaintext leftovers
		names = set(complaints + requests + objections + [r for r in reporters if r])
		queues = frappe.get_all(
			"Email Queue", filters={"reference_name": ("in", list(names) or [""])}, pluck="name"
		)
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queues or [""])})
		frappe.db.delete("Email Queue Recipient", {"recipient": ("like", f"%{MARKER.lower()}%")})
		for doctype, where in (
			("Riwayat Tahap", "parent"),
			("Bukti Pengaduan", "parent"),
			("Pengaduan Tergabung", "parent"),
			("Anggota Tim Pemeriksa", "parent"),
			("ToDo", "reference_name"),
			("Comment", "reference_name"),
			("Version", "docname"),
			("Surat Terbit", "nama_dokumen"),
			("Email Queue", "reference_name"),
			("Error Log", "reference_name"),
			("Notification Log", "document_name"),
			("Workflow Action", "reference_name"),
			("Deleted Document", "deleted_name"),
			("File", "attached_to_name"),
			("__global_search", "name"),
			("__Auth", "name"),
		):
			if not frappe.db.table_exists(doctype.removeprefix("tab")) and not doctype.startswith("__"):
				continue
			meta_ok = (
				doctype.startswith("__")
				or frappe.get_meta(doctype).has_field(where)
				or where in ("parent", "name")
			)
			if meta_ok and names:
				frappe.db.delete(doctype, {where: ("in", list(names))})
		for doctype, group in (
			("Keberatan Informasi", objections),
			("Permohonan Informasi", requests),
			("Pengaduan", complaints),
		):
			if group:
				frappe.db.delete(doctype, {"name": ("in", group)})
		if reporters := [r for r in reporters if r]:
			frappe.db.delete("Identitas Pelapor", {"name": ("in", reporters)})
		frappe.db.delete("Error Log", {"method": ("like", "kpu_dumas.api.%")})
		# the deleted draft (and what a run without the encryption left in plaintext)
		frappe.db.delete("Deleted Document", {"data": ("like", f"%{MARKER}%")})
		frappe.db.delete("Deleted Document", {"data": ("like", "%(uji dump)%")})
		for row in frappe.get_all(
			"Deleted Document", filters={"deleted_doctype": "Identitas Pelapor"}, fields=["name", "data"]
		):
			if MARKER in (kerahasiaan.decrypt(frappe.parse_json(row.data).get("pekerjaan")) or ""):
				frappe.db.delete("Deleted Document", {"name": row.name})
		frappe.db.delete("Kategori Pengaduan", {"name": KATEGORI})
		frappe.db.commit()

	# --- driving the cases --------------------------------------------------------------------------------

	def complaint(self, i: int, **values):
		ident = make_identitas(**dump_identity(i))
		return make_pengaduan(
			rahasia=True,
			identitas=ident,
			kategori=KATEGORI,
			perihal=f"Kasus {CASES[i]} rahasia (uji dump)",
			tim_pemeriksa=[{"anggota": self.users["tim"]}],
			**values,
		)

	def portal(self, i: int):
		"""A rahasia complaint through the portal endpoint over HTTP, as a guest."""
		identity = dump_identity(i)
		data = {
			**identity,
			"perihal": f"Kasus {CASES[i]} rahasia (uji dump)",
			"uraian": "Ada pungutan pada layanan salinan.",
			"rahasia": "1",
			"persetujuan_pernyataan": "1",
			"bukti": [(io.BytesIO(samples.pdf("Bukti uji dump")), "bukti.pdf")],
		}
		return make_request(
			get_test_client().post,
			("/api/method/kpu_dumas.api.portal.ajukan_pengaduan",),
			{
				"data": data,
				"content_type": "multipart/form-data",
				"headers": {"X-Forwarded-For": f"10.79.0.{next(_addresses)}", "Accept": "application/json"},
			},
		)

	def work_through_every_state(self):
		users, petugas, pyb = self.users, self.users["petugas"], self.users["pyb"]
		done = advance(self.complaint(0), "Selesai", users)
		self.assertEqual(done.workflow_state, "Selesai")

		refused = act(self.complaint(1), "Minta Kelengkapan", petugas, kekurangan="Salinan KTP belum ada.")
		refused = act(refused, "Dilengkapi", petugas)
		refused = act(
			refused,
			"Tolak",
			petugas,
			alasan_tidak_ditindaklanjuti="Substansi tidak jelas atau tidak dapat diverifikasi",
		)
		self.assertEqual(refused.workflow_state, "Tidak Ditindaklanjuti")

		withdrawn = act(
			self.complaint(2), "Cabut", petugas, alasan_pencabutan="Pelapor mencabut pengaduannya."
		)
		cancelled = act(self.complaint(3), "Batalkan", pyb, alasan_pembatalan="Tercatat dua kali.")
		self.assertEqual((withdrawn.workflow_state, cancelled.workflow_state), ("Dicabut", "Dibatalkan"))

		main = act(self.complaint(5), "Registrasi", petugas, **COMPLETE)
		merged = self.complaint(4)
		with as_user(petugas):
			jalur.gabungkan(merged.name, main.name, "Hal yang sama.")
		self.assertEqual(frappe.db.get_value("Pengaduan", merged.name, "workflow_state"), "Digabungkan")
		forwarded = act(
			main,
			"Teruskan ke Instansi",
			petugas,
			diteruskan_ke="DKPP",
			catatan_penerusan="Mohon ditindaklanjuti.",
		)
		self.assertEqual(forwarded.workflow_state, "Diteruskan ke Instansi")

		# an information request and its objection (their NIK, address and phone are encrypted)
		request = make_permohonan(
			nomor_identitas=REQUEST_NIK,
			alamat=f"Jl. Nuri {MARKER} No. 9",
			telepon="081398760199",
			email="pemohon.umum@contoh.id",
			tujuan_penggunaan="Penelitian (uji dump).",
		)
		desk, ppid = users["desk"], users["ppid"]
		request = act(request, "Registrasi", desk)
		request = act(request, "Teruskan", desk)
		objection = make_keberatan(request)
		objection = act(objection, "Registrasi", desk)
		request = act(
			request,
			"Putuskan",
			ppid,
			**{**GRANTED_NOTICE, "waktu_penyerahan": add_days(clock.office_today(), 3)},
		)
		request = act(
			request, "Serahkan", desk, diserahkan_melalui="Email", tanggal_diserahkan=clock.office_today()
		)
		self.assertEqual(request.workflow_state, "Selesai")
		frappe.db.commit()
		return [f"Jl. Nuri {MARKER} No. 9", "081398760199", REQUEST_NIK]

	def delete_a_draft(self):
		draft = self.complaint(7)
		ident = draft.identitas_pelapor
		frappe.delete_doc("Pengaduan", draft.name, ignore_permissions=True)
		frappe.delete_doc("Identitas Pelapor", ident, ignore_permissions=True)
		frappe.db.commit()
		self.assertTrue(
			frappe.db.exists(
				"Deleted Document", {"deleted_doctype": "Identitas Pelapor", "deleted_name": ident}
			)
		)

	def error_in_the_portal(self):
		def breaks(doc, *args):
			reporter = frappe.get_doc("Identitas Pelapor", doc.identitas_pelapor)
			raise RuntimeError(f"uji galat untuk {reporter.nama_lengkap} {reporter.nomor_identitas}")

		# (the duplicate check runs after the answer: a step inside the submission breaks instead)
		with patch("kpu_dumas.notify.state_changed", breaks):
			response = self.portal(8)
		frappe.db.rollback()
		self.assertEqual(response.status_code, 417, response.get_data(as_text=True))
		self.assertIn("gangguan pada sistem", response.get_data(as_text=True))
		self.assert_absent(
			response.get_data(as_text=True), forbidden_values(dump_identity(8)), "the response"
		)
		self.assertFalse(frappe.db.exists("Pengaduan", {"perihal": f"Kasus {CASES[8]} rahasia (uji dump)"}))
		logged = frappe.get_all(
			"Error Log", filters={"method": "kpu_dumas.api.portal.ajukan_pengaduan"}, pluck="error"
		)
		self.assertTrue(logged, "no Error Log row for the failed submission")
		self.assertIn("RuntimeError", logged[0])

	def email_the_reporter(self):
		response = self.portal(6)
		frappe.db.commit()
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		self.assertTrue(response.json["message"]["email_terkirim"])
		name = response.json["message"]["nomor"]
		self.assertTrue(frappe.db.exists("Email Queue Recipient", {"recipient": dump_identity(6)["email"]}))
		act(
			frappe.get_doc("Pengaduan", name),
			"Minta Kelengkapan",
			self.users["petugas"],
			kekurangan="Bukti foto belum ada.",
		)
		from frappe.email.queue import flush

		with AssetServer():  # the letters attached to the PPID's emails are rendered as they are sent
			flush()
		frappe.db.commit()
		unsent = frappe.get_all(
			"Email Queue", filters={"status": ("!=", "Sent")}, fields=["reference_name", "error"]
		)
		self.assertFalse(unsent, "emails left unsent")
		self.assertGreaterEqual(kerahasiaan.purge_sent_email(), 2)
		frappe.db.commit()
		self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": name}))

	# --- the dumps -----------------------------------------------------------------------------------------

	def mysqldump(self) -> str:
		conf = frappe.conf
		result = subprocess.run(
			[
				"mysqldump",
				"-h",
				conf.db_host or "127.0.0.1",
				"-P",
				str(conf.db_port or 3306),
				"-u",
				conf.db_user or conf.db_name,
				f"-p{conf.db_password}",
				"--single-transaction",
				"--skip-extended-insert",
				conf.db_name,
			],
			capture_output=True,
			check=True,
		)
		return result.stdout.decode("utf-8", errors="replace")

	def bench_backup(self) -> str:
		from frappe.utils.backups import new_backup

		backup = new_backup(ignore_files=True, force=True)
		path = os.path.abspath(backup.backup_path_db)  # relative to the bench's sites folder
		try:
			self.assertTrue(path.endswith(".sql.gz"), path)
			with gzip.open(path, "rb") as f:
				return f.read().decode("utf-8", errors="replace")
		finally:
			for leftover in (backup.backup_path_db, getattr(backup, "backup_path_conf", None)):
				if leftover and os.path.exists(os.path.abspath(leftover)):
					os.remove(os.path.abspath(leftover))

	def assert_absent(self, text: str, values: list[str], source: str):
		found = [v for v in values if v in text]
		if not found:
			return
		where = []
		for value in found[:3]:
			at = text.index(value)
			line_start = text.rfind("INSERT INTO", 0, at)
			where.append(
				f"{value!r} in {text[line_start : line_start + 60]!r}… {text[max(0, at - 80) : at + 40]!r}"
			)
		self.fail(f"{source} holds identity values:\n" + "\n".join(where))

	def test_database_dump_and_backup_hold_no_identity_value(self):
		request_values = self.work_through_every_state()
		self.delete_a_draft()
		self.error_in_the_portal()
		self.email_the_reporter()

		values = [v for i in range(len(CASES)) for v in forbidden_values(dump_identity(i))] + request_values
		values.append(MARKER)  # any part of any identity value
		dump = self.mysqldump()
		self.assertIn("kpu1$", dump)  # the dump is of this site, with our ciphertext in it
		self.assertIn("(uji dump)", dump)  # and the cases are in it
		self.assert_absent(dump, values, "mysqldump")

		queued = frappe.get_all("Email Queue", fields=["message"])
		self.assert_absent(
			"\n".join(decoded_mime(q.message) for q in queued), values, "Email Queue (decoded)"
		)

		self.assert_absent(self.bench_backup(), values, "bench backup")
