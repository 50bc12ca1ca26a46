"""A case finds its right path (issue 12): duplicates flagged and merged, Alihkan both ways, forwarded to
the competent body with a Surat Penerusan. On the real site, as the real roles; the portal over HTTP."""

from __future__ import annotations

import io
import itertools
import json
import logging

import cssutils
import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, get_test_client, getdate

from kpu_dumas import clock, information
from kpu_dumas.api import jalur
from kpu_dumas.api.kerahasiaan import buka_identitas
from kpu_dumas.api.portal import lacak_pengaduan
from kpu_dumas.api.portal_informasi import lacak_informasi
from kpu_dumas.batas_pengajuan import reset_reporter_counters
from kpu_dumas.core import information_clocks as ic
from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
from kpu_dumas.kpu_dumas.report.register_permohonan_informasi import register_permohonan_informasi
from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
from kpu_dumas.tests import samples, test_portal
from kpu_dumas.tests.test_surat import pdf_text
from kpu_dumas.tests.utils import (
	AssetServer,
	act,
	as_user,
	delete_identities,
	make_all_users,
	make_identitas,
	make_pengaduan,
	make_permohonan,
	office,
)

KATEGORI = "Uji Jalur Pengaduan"
NIK = "7503016208910007"
NAME = "Rosmiati Jalur Uji"
EMAIL = "rosmiati.jalur@contoh.id"
SECRET_NIK = "7503017011880009"
SECRET_NAME = "Rahasia Jalur Uji"
PERIHAL = "Petugas PPK Kecamatan Duhiadaa meminta uang untuk pindah memilih"
_addresses = itertools.count(31)


class TestJalur(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		reset_reporter_counters()  # earlier runs today took this reporter's portal slots
		cls.addClassCleanup(cssutils.log.setLevel, cssutils.log.getEffectiveLevel())
		cssutils.log.setLevel(logging.CRITICAL)  # Frappe parses its print stylesheet for every PDF
		cls.users = make_all_users()
		cls.created_account = test_portal.TestPortal.ensure_outgoing_email()
		if not frappe.db.exists("Kategori Pengaduan", KATEGORI):
			frappe.get_doc({"doctype": "Kategori Pengaduan", "kategori": KATEGORI}).insert(
				ignore_permissions=True
			)
		frappe.db.set_value(
			"Instansi Berwenang",
			"DKPP",
			{"alamat": "Jl. Abdul Muis No. 2, Jakarta Pusat", "email": "pengaduan@dkpp.uji"},
		)
		frappe.db.commit()
		cls.names = {"Pengaduan": [], "Permohonan Informasi": []}

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		names = cls.names["Pengaduan"] + frappe.get_all(
			"Pengaduan", filters={"kategori": KATEGORI}, pluck="name"
		)
		for name in set(names):
			for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
				frappe.db.delete("File", {"name": file})
			for child in ("Riwayat Tahap", "Bukti Pengaduan", "Pengaduan Tergabung"):
				frappe.db.delete(child, {"parent": name})
			for doctype in ("ToDo", "Comment", "Email Queue", "Version"):
				frappe.db.delete(
					doctype, {"reference_name": name} if doctype != "Version" else {"docname": name}
				)
			frappe.db.delete("Pengaduan", {"name": name})
			frappe.db.delete("__Auth", {"doctype": "Pengaduan", "name": name})
		for name in cls.names["Permohonan Informasi"]:
			frappe.db.delete("Riwayat Tahap", {"parent": name})
			frappe.db.delete("Comment", {"reference_name": name})
			frappe.db.delete("Email Queue", {"reference_name": name})
			frappe.db.delete("Permohonan Informasi", {"name": name})
			frappe.db.delete("__Auth", {"doctype": "Permohonan Informasi", "name": name})
		delete_identities("nama_lengkap", [NAME, SECRET_NAME, "Andi Pemohon Uji"])
		frappe.db.delete("Kategori Pengaduan", {"name": KATEGORI})
		frappe.db.set_value("Instansi Berwenang", "DKPP", {"alamat": None, "email": None})
		if cls.created_account:
			frappe.delete_doc(
				"Email Account", test_portal.TEST_EMAIL_ACCOUNT, force=True, ignore_permissions=True
			)
			frappe.local.outgoing_email_account = {}  # Frappe's per-process cache of the lookup
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.db.rollback()

	# --- helpers -------------------------------------------------------------------------------------

	def keep(self, doc):
		self.names[doc.doctype].append(doc.name)
		return doc

	def portal_complaint(self, **values) -> dict:
		"""File a complaint through the portal endpoint over HTTP, as a guest."""
		data = {
			"nama_lengkap": NAME,
			"jenis_identitas": "KTP",
			"nomor_identitas": NIK,
			"alamat": "Jl. Pelabuhan No. 9, Marisa",
			"telepon": "081377712345",
			"email": EMAIL,
			"perihal": PERIHAL,
			"uraian": "Petugas meminta Rp100.000 agar saya dapat pindah memilih.",
			"persetujuan_pernyataan": "1",
			"bukti": [(io.BytesIO(samples.pdf("Bukti jalur portal")), "bukti-jalur.pdf")],
			**values,
		}
		response = make_request(
			get_test_client().post,
			("/api/method/kpu_dumas.api.portal.ajukan_pengaduan",),
			{
				"data": data,
				"content_type": "multipart/form-data",
				"headers": {"X-Forwarded-For": f"10.78.0.{next(_addresses)}", "Accept": "application/json"},
			},
		)
		frappe.db.commit()
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		result = response.json["message"]
		self.names["Pengaduan"].append(result["nomor"])
		frappe.db.set_value("Pengaduan", result["nomor"], "kategori", KATEGORI)
		return result

	def letter_complaint(self, identitas=None, **values):
		"""A complaint that came by letter, recorded at the desk by the Petugas."""
		identitas = identitas or make_identitas(
			nama_lengkap=NAME, nomor_identitas=NIK, email=EMAIL, telepon="081377712345"
		)
		with as_user(self.users["petugas"]):
			doc = frappe.get_doc(
				{
					"doctype": "Pengaduan",
					"perihal": values.pop(
						"perihal", "Petugas PPK Duhiadaa meminta uang untuk pindah memilih"
					),
					"kanal": "Surat",
					"kategori": KATEGORI,
					"uraian": "Surat pengaduan yang sama, dikirim lewat pos.",
					"identitas_pelapor": identitas.name,
					**values,
				}
			).insert()
		return self.keep(doc)

	def rekap_total(self) -> int:
		year = clock.office_today().year
		result = rekap_pengaduan.execute(
			{"periode": "Tahunan", "tahun": year, "kategori": KATEGORI, "rincian": "Status"}
		)
		return result[1][-1]["jumlah"]

	def emails_to(self, recipient: str, reference: str) -> list[str]:
		queues = frappe.get_all(
			"Email Queue", filters={"reference_name": reference}, fields=["name", "message"]
		)
		return [
			q.message
			for q in queues
			if recipient
			in frappe.get_all("Email Queue Recipient", filters={"parent": q.name}, pluck="recipient")
		]

	# --- duplicates and Gabungkan ---------------------------------------------------------------------

	def test_portal_and_letter_from_one_nik_are_flagged_merged_and_counted_once(self):
		portal = self.portal_complaint()
		before = self.rekap_total()
		letter = self.letter_complaint()
		self.assertTrue(frappe.db.get_value("Pengaduan", letter.name, "kemungkinan_duplikat"))
		self.assertEqual(self.rekap_total(), before + 1)  # two records, the Rekap still counts each for now

		with as_user(self.users["petugas"]):
			found = jalur.kandidat_duplikat(letter.name)
		match = next(c for c in found["kandidat"] if c["name"] == portal["nomor"])
		self.assertIn("NIK sama", match["dasar"])
		self.assertIn("Perihal mirip", match["dasar"])
		self.assertEqual((match["workflow_state"], match["kanal"]), ("Diterima", "Website"))
		with as_user(self.users["petugas"]):
			self.assertTrue(jalur.aksi("Pengaduan", letter.name)["gabungkan"])

		# The letter came with a scan: it must reach the main case.
		with as_user(self.users["petugas"]):
			jalur.gabungkan(letter.name, portal["nomor"], "Surat pos berisi hal yang sama.")
		dup = frappe.get_doc("Pengaduan", letter.name)
		main = frappe.get_doc("Pengaduan", portal["nomor"])
		self.assertEqual((dup.workflow_state, dup.docstatus, dup.digabung_ke), ("Digabungkan", 1, main.name))
		[row] = main.pengaduan_tergabung
		self.assertEqual((row.pengaduan, row.kanal), (dup.name, "Surat"))
		self.assertEqual(get_datetime(row.tanggal_diterima), get_datetime(dup.tanggal_diterima))
		self.assertEqual(row.digabung_oleh, self.users["petugas"])
		# identities stay apart: the main case keeps its own reporter
		self.assertNotEqual(main.identitas_pelapor, dup.identitas_pelapor)
		self.assertEqual(self.rekap_total(), before)  # counted once

		# The duplicate's reporter is told, and its code shows the main case in /lacak.
		self.assertTrue(any(main.name in m for m in self.emails_to(EMAIL, dup.name)))
		frappe.set_user("Guest")
		try:
			public = lacak_pengaduan(dup.name, dup.get_password("kode_lacak"))
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(public["status"], "Digabungkan")
		self.assertIn(main.name, public["jalur"]["judul"])
		self.assertIn(["Status pengaduan utama", "Diterima"], [list(f) for f in public["jalur"]["fakta"]])
		self.assertTrue(public["jalur"]["riwayat"])
		self.assertNotIn(NAME, json.dumps(public, default=str))

		# The register links them.
		year = clock.office_today().year
		rows = register_pengaduan.execute({"periode": "Tahunan", "tahun": year, "kategori": KATEGORI})[1]
		self.assertIn(f"Digabungkan ke {main.name}", [r["keterangan"] for r in rows if r["name"] == dup.name])

	def test_merge_copies_evidence_and_refuses_what_it_must(self):
		main = self.keep(make_pengaduan(kategori=KATEGORI, perihal="Pengaduan utama uji gabung bukti"))
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "scan-surat.pdf",
				"content": samples.pdf("Scan surat"),
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		dup = self.letter_complaint(bukti=[{"berkas": file.file_url, "keterangan": "Scan surat"}])
		frappe.db.set_value(
			"File", file.name, {"attached_to_doctype": "Pengaduan", "attached_to_name": dup.name}
		)

		# Tim Pemeriksa may not merge; nor may anyone merge into itself or into a closed case.
		with as_user(self.users["tim"]), self.assertRaises(frappe.PermissionError):
			jalur.gabungkan(dup.name, main.name)
		with as_user(self.users["petugas"]), self.assertRaises(frappe.ValidationError):
			jalur.gabungkan(dup.name, dup.name)
		# the workflow menu does not offer Gabungkan without a main case (its condition)
		with as_user(self.users["petugas"]), self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("Pengaduan", dup.name), "Gabungkan")

		with as_user(self.users["petugas"]):
			result = jalur.gabungkan(dup.name, main.name)
		self.assertEqual(result["bukti_disalin"], 1)
		main.reload()
		self.assertIn(file.file_url, [r.berkas for r in main.bukti])
		self.assertTrue(
			frappe.db.exists("File", {"file_url": file.file_url, "attached_to_name": main.name}),
			"the main case holds its own File record of the evidence",
		)
		self.assertTrue(frappe.db.exists("File", file.name), "the duplicate keeps its file")
		# the merged rows are the server's
		main.pengaduan_tergabung[0].kanal = "Email"
		with as_user(self.users["petugas"]), self.assertRaises(frappe.PermissionError):
			main.save()

	def test_bukan_duplikat_is_recorded_and_refused_for_the_tim(self):
		self.portal_complaint()
		doc = self.letter_complaint()
		self.assertTrue(frappe.db.get_value("Pengaduan", doc.name, "kemungkinan_duplikat"))
		with as_user(self.users["tim"]), self.assertRaises(frappe.PermissionError):
			jalur.bukan_duplikat(doc.name, "Hal yang berbeda sama sekali.")
		with as_user(self.users["petugas"]), self.assertRaises(frappe.ValidationError):
			jalur.bukan_duplikat(doc.name, "beda")  # too short to say why
		with as_user(self.users["petugas"]):
			jalur.bukan_duplikat(doc.name, "Pelapor yang sama, tetapi kejadiannya di TPS lain.")
		doc.reload()
		self.assertEqual(
			(doc.kemungkinan_duplikat, doc.bukan_duplikat_oleh, doc.alasan_bukan_duplikat),
			(0, self.users["petugas"], "Pelapor yang sama, tetapi kejadiannya di TPS lain."),
		)
		self.assertTrue(doc.bukan_duplikat_pada)
		self.assertTrue(
			frappe.db.exists("Comment", {"reference_name": doc.name, "content": ("like", "%bukan duplikat%")})
		)

	def test_tim_sees_the_flag_on_a_rahasia_case_but_not_whose_identity_matched(self):
		team = [{"anggota": self.users["tim"]}]  # on both teams: only the identity rule hides `first`
		secret = make_identitas(
			nama_lengkap=SECRET_NAME,
			nomor_identitas=SECRET_NIK,
			email="rahasia.jalur@contoh.id",
			telepon="081311122233",
		)
		first = self.keep(
			make_pengaduan(
				rahasia=True,
				identitas=secret,
				kategori=KATEGORI,
				perihal="Teguran atas sikap kasar petugas",
				tim_pemeriksa=team,
			)
		)
		again = make_identitas(
			nama_lengkap=SECRET_NAME,
			nomor_identitas=SECRET_NIK,
			email="lain.jalur@contoh.id",
			telepon="081399988877",
		)
		second = self.keep(
			make_pengaduan(
				rahasia=True,
				identitas=again,
				kategori=KATEGORI,
				perihal="Dana hibah desa belum cair",
				tim_pemeriksa=team,
			)
		)
		self.assertTrue(frappe.db.get_value("Pengaduan", second.name, "kemungkinan_duplikat"))

		with as_user(self.users["petugas"]):
			staff = jalur.kandidat_duplikat(second.name)
		self.assertEqual([c["name"] for c in staff["kandidat"] if c["name"] == first.name], [first.name])
		with as_user(self.users["tim"]):
			tim = jalur.kandidat_duplikat(second.name)
		self.assertTrue(tim["ditandai"])
		self.assertNotIn(first.name, [c["name"] for c in tim["kandidat"]])
		self.assertGreaterEqual(tim["disembunyikan"], 1)
		self.assertNotIn(SECRET_NIK, json.dumps(tim))
		self.assertNotIn(SECRET_NAME, json.dumps(tim))

	# --- Alihkan ----------------------------------------------------------------------------------------

	def test_alihkan_complaint_to_request_keeps_the_receipt_time_and_the_old_code(self):
		received = office(2026, 3, 2, 9, 0)  # Monday
		doc = self.keep(
			make_pengaduan(kategori=KATEGORI, perihal="Minta salinan DPT", tanggal_diterima=received)
		)
		data = {
			"tujuan_penggunaan": "Pemeriksaan data pemilih keluarga.",
			"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
		}
		with as_user(self.users["desk"]), self.assertRaises(frappe.PermissionError):
			jalur.alihkan_ke_permohonan(doc.name, data)
		with as_user(self.users["petugas"]):
			result = jalur.alihkan_ke_permohonan(doc.name, data)
		request = self.keep(frappe.get_doc("Permohonan Informasi", result["baru"]))
		doc.reload()
		self.assertEqual(
			(doc.workflow_state, doc.docstatus, doc.dialihkan_ke_permohonan), ("Dialihkan", 1, request.name)
		)
		self.assertEqual(request.berasal_dari_pengaduan, doc.name)
		self.assertEqual(get_datetime(request.tanggal_diterima), get_datetime(received))
		# the 10-working-day notice counts from the complaint's receipt
		clocks, _ = information.clocks_for(getdate(received), 0)
		self.assertEqual(
			get_datetime(request.batas_pemberitahuan),
			get_datetime(information.on_office_calendar(ic.notice_due, received, clocks)),
		)
		self.assertLess(get_datetime(request.batas_pemberitahuan), get_datetime(office(2026, 3, 20, 0, 0)))
		# the requester is the complaint's reporter
		self.assertEqual(request.nama_pemohon, "Siti Rahmawati Uji")

		frappe.set_user("Guest")
		try:
			old = lacak_pengaduan(doc.name, doc.get_password("kode_lacak"))
			new = lacak_informasi(request.name, request.get_password("kode_lacak"))
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(old["status"], "Dialihkan ke Permohonan Informasi")
		self.assertIn(["Nomor permohonan informasi", request.name], [list(f) for f in old["jalur"]["fakta"]])
		self.assertEqual(new["nomor"], request.name)
		self.assertNotEqual(request.get_password("kode_lacak"), doc.get_password("kode_lacak"))
		# the new number's own code goes to the citizen
		self.assertTrue(
			any(
				request.get_password("kode_lacak") in m
				for m in self.emails_to("siti.uji@contoh.id", request.name)
			)
		)

		year = getdate(received).year
		complaints = register_pengaduan.execute({"periode": "Tahunan", "tahun": year, "kategori": KATEGORI})[
			1
		]
		self.assertIn(
			f"Dialihkan ke {request.name}", [r["keterangan"] for r in complaints if r["name"] == doc.name]
		)
		requests = register_permohonan_informasi.execute({"periode": "Tahunan", "tahun": year})[1]
		self.assertIn(
			f"Dialihkan dari {doc.name}", [r["keterangan"] for r in requests if r["name"] == request.name]
		)

	def test_alihkan_of_a_rahasia_complaint_copies_the_identity_only_after_a_reveal(self):
		doc = self.keep(make_pengaduan(kategori=KATEGORI, perihal="Minta salinan berita acara", rahasia=True))
		data = {
			"tujuan_penggunaan": "Pemeriksaan hasil rapat pleno.",
			"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
		}
		with as_user(self.users["petugas"]):
			with self.assertRaises(frappe.ValidationError) as refused:
				jalur.alihkan_ke_permohonan(doc.name, data)
			self.assertIn("lengkapi", str(refused.exception))
			doc.reload()
			self.assertFalse(doc.dialihkan_ke_permohonan)
			buka_identitas(doc.name, "Pelapor meminta dilayani sebagai pemohon informasi.", "form")
			result = jalur.alihkan_ke_permohonan(doc.name, data)
		request = self.keep(frappe.get_doc("Permohonan Informasi", result["baru"]))
		self.assertEqual(request.nama_pemohon, "Siti Rahmawati Uji")
		log = frappe.get_all("Log Buka Identitas", filters={"pengaduan": doc.name}, pluck="pintu")
		self.assertEqual(log, ["form"])

	def test_alihkan_request_to_complaint_keeps_the_receipt_time_and_the_old_code(self):
		received = office(2026, 3, 3, 10, 30)
		request = self.keep(
			make_permohonan(
				tanggal_diterima=received, informasi_diminta="Petugas loket menolak melayani saya."
			)
		)
		data = {"perihal": "Petugas loket menolak melayani", "kategori": KATEGORI}
		with as_user(self.users["petugas"]), self.assertRaises(frappe.PermissionError):
			jalur.alihkan_ke_pengaduan(request.name, data)
		with as_user(self.users["desk"]), self.assertRaises(frappe.ValidationError):
			jalur.alihkan_ke_pengaduan(request.name, {})  # a complaint needs its subject
		with as_user(self.users["desk"]):
			result = jalur.alihkan_ke_pengaduan(request.name, data)
		complaint = self.keep(frappe.get_doc("Pengaduan", result["baru"]))
		request.reload()
		self.assertEqual((request.workflow_state, request.docstatus), ("Dialihkan", 1))
		self.assertEqual(complaint.berasal_dari_permohonan, request.name)
		self.assertEqual(get_datetime(complaint.tanggal_diterima), get_datetime(received))
		self.assertEqual(complaint.kanal, "Langsung (Meja Layanan)")
		self.assertEqual(
			frappe.get_doc("Identitas Pelapor", complaint.identitas_pelapor).nama_lengkap,
			"Andi Pemohon Uji",
		)
		frappe.set_user("Guest")
		try:
			old = lacak_informasi(request.name, request.get_password("kode_lacak"))
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(old["status"], "Dialihkan ke Pengaduan")
		self.assertIn(["Nomor pengaduan", complaint.name], [list(f) for f in old["jalur"]["fakta"]])
		self.assertNotIn("Andi Pemohon Uji", json.dumps(old, default=str))
		# the new complaint's code reaches the requester
		self.assertTrue(
			any(
				complaint.get_password("kode_lacak") in m
				for m in self.emails_to("andi.uji@contoh.id", complaint.name)
			)
		)

	# --- Teruskan ke instansi berwenang -----------------------------------------------------------------

	def test_forward_to_dkpp_letter_email_and_lacak(self):
		secret = make_identitas(
			nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK, email="rahasia.dkpp@contoh.id"
		)
		doc = self.keep(
			make_pengaduan(
				rahasia=True,
				identitas=secret,
				kategori=KATEGORI,
				perihal="Anggota KPU kabupaten bertemu peserta pemilu di luar jadwal",
				uraian="Seorang anggota KPU kabupaten terlihat makan malam bersama calon legislatif.",
			)
		)
		# Without a body the action says what to choose; Pimpinan may not forward.
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(doc, "Teruskan ke Instansi", self.users["petugas"])
		self.assertIn("Instansi yang Berwenang", str(ctx.exception))
		with as_user(self.users["petugas"]):
			doc = frappe.get_doc("Pengaduan", doc.name)
			doc.update({"diteruskan_ke": "DKPP", "catatan_penerusan": "Mohon ditindaklanjuti."})
			doc.save()
		with as_user(self.users["pimpinan"]), self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("Pengaduan", doc.name), "Teruskan ke Instansi")
		doc = act(doc, "Teruskan ke Instansi", self.users["petugas"])
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Diteruskan ke Instansi", 1))
		self.assertEqual(doc.alasan_tidak_ditindaklanjuti, "Bukan kewenangan KPU")
		self.assertTrue(doc.nomor_surat_penerusan)
		self.assertEqual(getdate(doc.tanggal_penerusan), clock.office_today())

		with AssetServer(), as_user(self.users["pyb"]):  # an identity reader prints it: still no identity
			pdf = frappe.get_print(
				"Pengaduan", doc.name, print_format="Surat Penerusan Pengaduan", as_pdf=True
			)
		text = pdf_text(pdf)
		self.assertIn(doc.nomor_surat_penerusan, text)
		self.assertIn("Dewan Kehormatan Penyelenggara Pemilu", text)
		self.assertIn("Jl. Abdul Muis No. 2", text)
		self.assertIn("makan malam bersama calon legislatif", text)
		self.assertIn("Identitas pelapor dirahasiakan", text)
		self.assertNotIn(SECRET_NAME, text)
		self.assertNotIn(SECRET_NIK, text)

		mails = self.emails_to("rahasia.dkpp@contoh.id", doc.name)
		self.assertTrue(
			any("Dewan Kehormatan Penyelenggara Pemilu" in m and "pengaduan@dkpp.uji" in m for m in mails)
		)
		frappe.set_user("Guest")
		try:
			public = lacak_pengaduan(doc.name, doc.get_password("kode_lacak"))
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(public["status"], "Diteruskan ke Instansi Berwenang")
		facts = dict(public["jalur"]["fakta"])
		self.assertEqual(facts["Instansi"], "Dewan Kehormatan Penyelenggara Pemilu")
		self.assertEqual(facts["Email"], "pengaduan@dkpp.uji")

		year = clock.office_today().year
		recap = rekap_pengaduan.execute(
			{"periode": "Tahunan", "tahun": year, "kategori": KATEGORI, "rincian": "Instansi Tujuan"}
		)
		dkpp = next(c["fieldname"] for c in recap[0] if c.get("_value") == "DKPP")
		self.assertEqual(recap[1][-1][dkpp], 1)
		rows = register_pengaduan.execute({"periode": "Tahunan", "tahun": year, "kategori": KATEGORI})[1]
		self.assertIn("Diteruskan ke DKPP", [r["keterangan"] for r in rows if r["name"] == doc.name])

	def test_refusing_with_a_body_chosen_asks_for_the_forward(self):
		doc = self.keep(make_pengaduan(kategori=KATEGORI, perihal="Pelanggaran kampanye di pasar"))
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(
				doc,
				"Tolak",
				self.users["petugas"],
				alasan_tidak_ditindaklanjuti="Bukan kewenangan KPU",
				diteruskan_ke="Bawaslu",
			)
		self.assertIn("Teruskan ke Instansi", str(ctx.exception))

	def test_shipped_bodies_and_workflow_paths_exist(self):
		for name in ("Bawaslu", "DKPP", "Ombudsman RI"):
			self.assertTrue(frappe.db.exists("Instansi Berwenang", name), name)
		states = {row.state for row in frappe.get_doc("Workflow", "Alur Pengaduan").states}
		self.assertLessEqual({"Digabungkan", "Dialihkan", "Diteruskan ke Instansi"}, states)
		self.assertIn(
			"Dialihkan", {row.state for row in frappe.get_doc("Workflow", "Alur Permohonan Informasi").states}
		)
