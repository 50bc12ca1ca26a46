"""The public portal over HTTP (Frappe's WSGI test client, a real site, committed data).

/pengaduan files a complaint with identity and evidence in one transaction; /lacak shows status and
answer for number + tracking code and nothing personal; the reporter sends missing items; emails go to
the reporter only. Each test speaks from its own client address, and its rate-limit counters are reset.
"""

from __future__ import annotations

import email
import io
import itertools
import json
import os
import zipfile
from email import policy

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from kpu_dumas.tests import samples
from kpu_dumas.tests.utils import (
	PASSWORD,
	PORTAL_LIMITS_OFF,
	act,
	advance,
	delete_identities,
	make_all_users,
	server_messages,
)

API = "kpu_dumas.api.portal."
METHODS = ("ajukan_pengaduan", "lacak_pengaduan", "lengkapi_pengaduan")
# One reporter files many complaints here; the per-reporter and guest limits have their own tests
# (test_batas_pengajuan).
LIMITS_OFF = PORTAL_LIMITS_OFF
PDF = samples.pdf("Bukti uji portal")
HTML_AS_PDF = samples.HTML_AS_PDF
PNG = samples.PNG


def _docx() -> bytes:
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w") as z:
		z.writestr("[Content_Types].xml", "<Types/>")
		z.writestr("word/document.xml", "<w:document/>")
	return buffer.getvalue()


DOCX = _docx()

NAME = "Wahyuni Portal Uji"
NIK = "7503015408920004"
EMAIL = "wahyuni.portal@contoh.id"
PHONE = "081398765432"
ADDRESS = "Jl. Pelabuhan No. 7, Marisa"
RAHASIA_NAME = "Rahasia Portal Uji"
RAHASIA_NIK = "7503016109870005"
RAHASIA_EMAIL = "rahasia.portal@contoh.id"
PERIHAL = "Uji portal: antrean salinan dokumen"
WEBSITE_USER = "warga.portal.uji@contoh.id"
TEST_EMAIL_ACCOUNT = "KPU Dumas Portal Uji"

_addresses = itertools.count(11)


def identity(**values) -> dict:
	data = {
		"nama_lengkap": NAME,
		"jenis_identitas": "KTP",
		"nomor_identitas": NIK,
		"alamat": ADDRESS,
		"telepon": PHONE,
		"email": EMAIL,
		"pekerjaan": "Nelayan",
	}
	data.update(values)
	return data


def complaint(**values) -> dict:
	data = {
		"perihal": PERIHAL,
		"uraian": "Saya menunggu tiga jam untuk salinan berita acara tanpa kejelasan.",
		"teradu": "Loket layanan informasi",
		"lokasi_kasus": "Kantor KPU Kabupaten",
		"tanggal_layanan": frappe.utils.add_days(frappe.utils.today(), -2),
		"permintaan_penyelesaian": "Layanan salinan diberikan pada hari yang sama.",
		"persetujuan_pernyataan": "1",
	}
	data.update(values)
	return data


def email_text(raw: str) -> str:
	"""Subject and every decoded text part of a queued MIME message."""
	message = email.message_from_string(raw, policy=policy.default)
	parts = [str(message["Subject"] or "")]
	for part in message.walk():
		if part.get_content_maintype() == "text":
			parts.append(part.get_content())
	return "\n".join(parts)


class TestPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		cls.created_account = cls.ensure_outgoing_email()
		cls.settings = {
			f: frappe.db.get_single_value("Pengaturan Kantor", f)
			for f in ("ukuran_berkas_maks_mb", "jumlah_berkas_maks", *LIMITS_OFF)
		}
		frappe.db.set_single_value(
			"Pengaturan Kantor", {"ukuran_berkas_maks_mb": 5, "jumlah_berkas_maks": 5, **LIMITS_OFF}
		)
		frappe.db.commit()
		cls.names: list[str] = []

	@classmethod
	def tearDownClass(cls):
		frappe.db.set_single_value("Pengaturan Kantor", cls.settings)
		names = cls.names + frappe.get_all(
			"Pengaduan", filters={"perihal": ("like", "Uji portal%")}, pluck="name"
		)
		for name in set(names):
			for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
				frappe.delete_doc("File", file, force=True, ignore_permissions=True)
			for child in ("Riwayat Tahap", "Bukti Pengaduan"):
				frappe.db.delete(child, {"parent": name})
			for queue in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
				frappe.db.delete("Email Queue Recipient", {"parent": queue})
			for doctype in ("ToDo", "Comment", "Email Queue", "Error Log"):
				frappe.db.delete(doctype, {"reference_name": name})
			frappe.db.delete("Pengaduan", {"name": name})
			frappe.db.delete("__Auth", {"doctype": "Pengaduan", "name": name})  # the tracking code
		delete_identities("nama_lengkap", [NAME, RAHASIA_NAME, "Penyusup Uji", "Warga Uji"])
		if frappe.db.exists("User", WEBSITE_USER):
			frappe.delete_doc("User", WEBSITE_USER, force=True, ignore_permissions=True)
		if cls.created_account:
			frappe.delete_doc("Email Account", TEST_EMAIL_ACCOUNT, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def ensure_outgoing_email(cls) -> bool:
		"""Emails are queued only when the site can send; give the test site an outgoing account."""
		from frappe.email.doctype.email_account.email_account import EmailAccount

		# Frappe caches the lookup on frappe.local: an account another test class deleted may linger there.
		frappe.local.outgoing_email_account = {}
		if EmailAccount.find_outgoing():
			return False
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": TEST_EMAIL_ACCOUNT,
				"email_id": "dumas.portal.uji@kpu-dumas.test",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "smtp.kpu-dumas.invalid",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
		return True

	def setUp(self):
		# Each test is its own client; its counters start at zero.
		self.ip = f"10.77.0.{next(_addresses)}"
		self.reset_rate_limits(self.ip)

	def tearDown(self):
		# Work done in this process (workflow actions as staff) is committed where a request must see it;
		# whatever a failed test left open must not hold locks the next request waits on.
		frappe.db.rollback()

	@staticmethod
	def reset_rate_limits(ip: str):
		for method in METHODS:
			frappe.cache.delete_value(f"rl:{API}{method}:{ip}")

	# --- HTTP helpers ---------------------------------------------------------------------------------

	def post(self, method, data, files=(), client=None, ip=None, headers=None):
		payload = dict(data)
		if files:
			payload["bukti"] = [(io.BytesIO(content), filename) for filename, content in files]
		response = make_request(
			(client or get_test_client()).post,
			(f"/api/method/{API}{method}",),
			{
				"data": payload,
				"content_type": "multipart/form-data",
				"headers": {
					"X-Forwarded-For": ip or self.ip,
					"Accept": "application/json",
					**(headers or {}),
				},
			},
		)
		frappe.db.commit()  # a fresh snapshot: see what the request committed
		return response

	def file_a_complaint(self, files=(("bukti-antrean.pdf", PDF),), **values):
		r = self.post("ajukan_pengaduan", {**identity(), **complaint(), **values}, files)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		result = r.json["message"]
		self.names.append(result["nomor"])
		return result

	def track(self, nomor, kode, **kw):
		return self.post("lacak_pengaduan", {"nomor": nomor, "kode": kode}, **kw)

	def messages(self, r) -> str:
		return server_messages(r)

	def without_error_id(self, r) -> dict:
		"""The response body without Frappe's random per-error id (it differs between any two errors)."""
		body = dict(r.json)
		messages = [json.loads(m) for m in json.loads(body.pop("_server_messages", "[]"))]
		for message in messages:
			message.pop("__frappe_exc_id", None)
		return {**body, "_server_messages": messages, "status": r.status_code}

	def snapshot(self) -> dict:
		private = frappe.get_site_path("private", "files")
		return {
			"Pengaduan": frappe.db.count("Pengaduan"),
			"Identitas Pelapor": frappe.db.count("Identitas Pelapor"),
			"File": frappe.db.count("File"),
			"Email Queue": frappe.db.count("Email Queue"),
			"disk": sorted(os.listdir(private)) if os.path.isdir(private) else [],
		}

	# --- /pengaduan -----------------------------------------------------------------------------------

	def test_guest_submission_creates_complaint_identity_and_private_evidence(self):
		result = self.file_a_complaint(
			files=(("bukti-antrean.pdf", PDF), ("foto loket.png", PNG), ("kronologi.docx", DOCX))
		)
		self.assertRegex(result["nomor"], r"^DUMAS-\d{4}-\d{5}$")
		self.assertRegex(result["kode_lacak"], r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
		self.assertEqual(result["jumlah_berkas"], 3)

		doc = frappe.get_doc("Pengaduan", result["nomor"])
		self.assertEqual(doc.workflow_state, "Diterima")
		self.assertEqual(doc.kanal, "Website")
		self.assertEqual(doc.docstatus, 0)
		self.assertEqual(doc.persetujuan_pernyataan, 1)
		self.assertFalse(doc.pengguna_portal)
		self.assertEqual(doc.get_password("kode_lacak"), result["kode_lacak"])
		self.assertEqual([r.tahap for r in doc.riwayat_tahap], ["Diterima"])
		reporter = frappe.get_doc("Identitas Pelapor", doc.identitas_pelapor)
		self.assertEqual((reporter.nama_lengkap, reporter.nomor_identitas), (NAME, NIK))
		self.assertEqual(reporter.email, EMAIL)

		self.assertEqual(len(doc.bukti), 3)
		for row in doc.bukti:
			self.assertTrue(row.berkas.startswith("/private/files/"), row.berkas)
			file = frappe.get_doc("File", {"file_url": row.berkas, "attached_to_name": doc.name})
			self.assertEqual((file.is_private, file.attached_to_doctype), (1, "Pengaduan"))
			self.assertTrue(os.path.exists(file.get_full_path()))
		self.assertEqual(sorted(r.berkas.rsplit(".", 1)[1] for r in doc.bukti), ["docx", "pdf", "png"])

		# A guest cannot fetch the private evidence.
		r = make_request(get_test_client().get, (doc.bukti[0].berkas,))
		self.assertIn(r.status_code, (403, 404))

	def test_the_eleventh_submission_in_a_minute_from_one_client_is_refused(self):
		for i in range(10):
			r = self.post("ajukan_pengaduan", complaint(anonim="1", perihal=f"Uji portal: batas {i}"))
			self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
			self.names.append(r.json["message"]["nomor"])
		before = frappe.db.count("Pengaduan")
		r = self.post("ajukan_pengaduan", complaint(anonim="1", perihal="Uji portal: kesebelas"))
		self.assertEqual(r.status_code, 429)
		self.assertEqual(frappe.db.count("Pengaduan"), before)
		# Another client is not affected.
		other = f"10.77.1.{next(_addresses)}"
		self.reset_rate_limits(other)
		r = self.post("ajukan_pengaduan", complaint(anonim="1", perihal="Uji portal: klien lain"), ip=other)
		self.assertEqual(r.status_code, 200)
		self.names.append(r.json["message"]["nomor"])

	def test_an_html_file_named_pdf_is_refused_and_nothing_is_saved(self):
		before = self.snapshot()
		r = self.post(
			"ajukan_pengaduan",
			{**identity(), **complaint()},
			files=(("bukti-sah.pdf", PDF), ("laporan.pdf", HTML_AS_PDF)),
		)
		self.assertEqual(r.status_code, 417)
		self.assertIn("'laporan.pdf' tidak dapat diterima karena isinya bukan PDF", self.messages(r))
		self.assertEqual(self.snapshot(), before)

	def test_each_unsafe_pdf_is_refused_with_its_own_message_and_nothing_is_saved(self):
		"""Scripts, encryption, a broken file and HTML named .pdf: each its own words, on every v15."""
		cases = [
			("skrip.pdf", samples.pdf_with_javascript(), "memuat skrip (JavaScript)"),
			("buka-otomatis.pdf", samples.pdf_with_open_action(), "memuat skrip (JavaScript)"),
			("terkunci.pdf", samples.pdf_encrypted(), "terkunci dengan kata sandi"),
			("terpotong.pdf", samples.pdf_truncated(), "rusak atau tidak utuh"),
			("halaman.pdf", HTML_AS_PDF, "tidak dapat diterima karena isinya bukan PDF"),
		]
		for name, content, expected in cases:
			with self.subTest(name):
				self.reset_rate_limits(self.ip)
				before = self.snapshot()
				r = self.post("ajukan_pengaduan", {**identity(), **complaint()}, files=((name, content),))
				self.assertEqual(r.status_code, 417, r.get_data(as_text=True))
				message = self.messages(r)
				self.assertIn(f"Berkas '{name}'", message)
				self.assertIn(expected, message)
				self.assertEqual(self.snapshot(), before)

	def test_too_large_and_too_many_files_are_refused(self):
		frappe.db.set_single_value("Pengaturan Kantor", {"ukuran_berkas_maks_mb": 1, "jumlah_berkas_maks": 2})
		frappe.db.commit()
		try:
			before = self.snapshot()
			big = PDF + b"0" * (1024 * 1024)
			r = self.post("ajukan_pengaduan", {**identity(), **complaint()}, files=(("besar.pdf", big),))
			self.assertEqual(r.status_code, 417)
			self.assertIn("'besar.pdf' berukuran lebih dari 1,0 MB", self.messages(r))
			r = self.post(
				"ajukan_pengaduan",
				{**identity(), **complaint()},
				files=(("a.pdf", PDF), ("b.png", PNG), ("c.pdf", samples.pdf("c"))),
			)
			self.assertEqual(r.status_code, 417)
			self.assertIn("Paling banyak 2 berkas", self.messages(r))
			self.assertEqual(self.snapshot(), before)
		finally:
			frappe.db.set_single_value(
				"Pengaturan Kantor", {"ukuran_berkas_maks_mb": 5, "jumlah_berkas_maks": 5}
			)
			frappe.db.commit()

	def test_a_refusal_after_files_were_written_leaves_nothing_on_disk(self):
		"""The NIK is checked by Identitas Pelapor, after the evidence is stored: all of it is undone."""
		before = self.snapshot()
		unique_pdf = samples.pdf(frappe.generate_hash())
		r = self.post(
			"ajukan_pengaduan",
			{**identity(nomor_identitas="12345"), **complaint()},
			files=(("bukti.pdf", unique_pdf),),
		)
		self.assertEqual(r.status_code, 417)
		self.assertIn("NIK harus 16 digit angka", self.messages(r))
		self.assertEqual(self.snapshot(), before)

	def test_missing_consent_and_required_fields_are_listed_together(self):
		before = self.snapshot()
		r = self.post(
			"ajukan_pengaduan",
			{**identity(nama_lengkap=""), **complaint(perihal="", persetujuan_pernyataan="")},
		)
		self.assertEqual(r.status_code, 417)
		text = self.messages(r)
		for expected in ("Isi Perihal", "Isi nama lengkap", "Centang pernyataan"):
			self.assertIn(expected, text)
		self.assertEqual(self.snapshot(), before)

	def test_fields_outside_the_whitelist_are_ignored(self):
		users = self.users
		forged = {
			"workflow_state": "Selesai",
			"docstatus": "1",
			"name": "DUMAS-2020-99999",
			"naming_series": "HACK-.#####",
			"kode_lacak": "AAAA-BBBB-CCCC",
			"kanal": "Email",
			"pengguna_portal": "Administrator",
			"owner": users["petugas"],
			"identitas_pelapor": "PLP-00001",
			"tim_pemeriksa": json.dumps([{"anggota": users["tim"]}]),
			"tanggapan": "<p>Sudah selesai</p>",
			"nomor_surat_tanggapan": "1/PALSU/2026",
			"batas_tanggapan_awal": "2030-01-01 00:00:00",
			"cek_uraian": "1",
			"riwayat_tahap": json.dumps([{"tahap": "Selesai"}]),
			"doctype": "User",
		}
		result = self.file_a_complaint(
			**forged, nama_lengkap="Penyusup Uji", perihal="Uji portal: <b>tebal</b>"
		)
		self.assertNotEqual(result["kode_lacak"], "AAAA-BBBB-CCCC")
		self.assertNotEqual(result["nomor"], "DUMAS-2020-99999")
		doc = frappe.get_doc("Pengaduan", result["nomor"])
		self.assertEqual((doc.workflow_state, doc.docstatus, doc.kanal), ("Diterima", 0, "Website"))
		self.assertFalse(doc.pengguna_portal)
		self.assertEqual(doc.owner, "Guest")
		self.assertEqual(
			frappe.get_doc("Identitas Pelapor", doc.identitas_pelapor).nama_lengkap, "Penyusup Uji"
		)
		self.assertFalse(doc.tim_pemeriksa or doc.tanggapan or doc.nomor_surat_tanggapan or doc.cek_uraian)
		self.assertNotEqual(str(doc.batas_tanggapan_awal)[:4], "2030")
		self.assertEqual([r.tahap for r in doc.riwayat_tahap], ["Diterima"])
		self.assertEqual(doc.perihal, "Uji portal: tebal")  # plain text, markup removed
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": doc.name, "status": "Open"}))

	def test_an_anonymous_complaint_stores_no_identity_and_sends_no_email(self):
		before = frappe.db.count("Identitas Pelapor")
		result = self.file_a_complaint(anonim="1", rahasia="1", perihal="Uji portal: anonim")
		doc = frappe.get_doc("Pengaduan", result["nomor"])
		self.assertEqual((doc.anonim, doc.rahasia), (1, 0))
		self.assertFalse(doc.identitas_pelapor)
		self.assertEqual(frappe.db.count("Identitas Pelapor"), before)
		self.assertFalse(result["email_terkirim"])
		self.assertFalse(frappe.get_all("Email Queue", filters={"reference_name": doc.name}))

	# --- /lacak ---------------------------------------------------------------------------------------

	def test_a_wrong_code_and_an_unknown_number_look_exactly_the_same(self):
		result = self.file_a_complaint()
		wrong_code = self.track(result["nomor"], "ZZZZ-ZZZZ-ZZZZ")
		unknown = self.track("DUMAS-1999-00001", result["kode_lacak"])
		no_code = self.track(result["nomor"], "")
		self.assertEqual(wrong_code.status_code, 404)
		self.assertEqual(unknown.status_code, wrong_code.status_code)
		self.assertEqual(no_code.status_code, wrong_code.status_code)
		self.assertEqual(self.without_error_id(unknown), self.without_error_id(wrong_code))
		self.assertEqual(self.without_error_id(no_code), self.without_error_id(wrong_code))
		text = wrong_code.get_data(as_text=True)
		self.assertIn("Nomor registrasi atau kode lacak tidak cocok", text)
		for secret in (PERIHAL, NAME, NIK, "Diterima"):
			self.assertNotIn(secret, text)

	def test_the_right_code_shows_the_timeline_and_never_the_identity(self):
		result = self.file_a_complaint(
			rahasia="1",
			nama_lengkap=RAHASIA_NAME,
			nomor_identitas=RAHASIA_NIK,
			email=RAHASIA_EMAIL,
			perihal="Uji portal: rahasia",
		)
		r = self.track(result["nomor"], result["kode_lacak"].lower().replace("-", " "))
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		case = r.json["message"]
		self.assertEqual((case["nomor"], case["status"]), (result["nomor"], "Diterima"))
		self.assertEqual([step["label"] for step in case["riwayat"]], ["Diterima"])
		self.assertRegex(case["riwayat"][0]["waktu"], r"pukul \d{2}\.\d{2} WI(B|TA|T)$")
		self.assertNotIn("tanggapan", case)

		# Walk it to the answer; the team, its notes and the identity stay out of the public view.
		doc = frappe.get_doc("Pengaduan", result["nomor"])
		doc = advance(doc, "Rekomendasi", self.users)
		doc = act(
			doc,
			"Setujui",
			self.users["pyb"],
			tanggapan='<p>Loket tambahan dibuka.<img src=x onerror="alert(1)"></p><script>alert(2)</script>',
		)
		frappe.db.commit()
		r = self.track(result["nomor"], result["kode_lacak"])
		self.assertEqual(r.status_code, 200)
		case = r.json["message"]
		self.assertEqual(case["status"], "Ditanggapi")
		self.assertEqual(
			[s["label"] for s in case["riwayat"]],
			["Diterima", "Terdaftar", "Dalam Pemeriksaan", "Ditanggapi"],
		)
		self.assertIn("<p>Loket tambahan dibuka.</p>", case["tanggapan"])
		for unsafe in ("<script", "<img", "onerror"):
			self.assertNotIn(unsafe, case["tanggapan"])
		self.assertEqual(case["nomor_surat_tanggapan"], doc.nomor_surat_tanggapan)
		text = r.get_data(as_text=True)
		identity_name = frappe.db.get_value("Pengaduan", doc.name, "identitas_pelapor")
		for secret in (
			RAHASIA_NAME,
			RAHASIA_NIK,
			RAHASIA_EMAIL,
			PHONE,
			ADDRESS,
			identity_name,
			self.users["tim"],
			self.users["petugas"],
			self.users["pyb"],
			"Antrean memang melebihi standar",  # hasil_telaah
			"Tambah petugas loket",  # rekomendasi
			"kode_lacak",
		):
			self.assertNotIn(secret, text)

	def test_the_reporter_completes_missing_items_and_the_case_returns_to_diterima(self):
		result = self.file_a_complaint(perihal="Uji portal: lengkapi")
		doc = frappe.get_doc("Pengaduan", result["nomor"])
		act(doc, "Minta Kelengkapan", self.users["petugas"], kekurangan="Lampirkan foto nomor antrean.")
		frappe.db.commit()

		case = self.track(result["nomor"], result["kode_lacak"]).json["message"]
		self.assertTrue(case["perlu_dilengkapi"])
		self.assertEqual(case["kekurangan"], "Lampirkan foto nomor antrean.")
		self.assertTrue(case["batas_kelengkapan"])

		wrong = self.post(
			"lengkapi_pengaduan", {"nomor": result["nomor"], "kode": "ZZZZ-ZZZZ-ZZZZ", "tambahan": "x"}
		)
		self.assertEqual(wrong.status_code, 404)
		bad_file = self.post(
			"lengkapi_pengaduan",
			{"nomor": result["nomor"], "kode": result["kode_lacak"]},
			files=(("antrean.jpg", HTML_AS_PDF),),
		)
		self.assertEqual(bad_file.status_code, 417)
		self.assertEqual(
			frappe.db.get_value("Pengaduan", result["nomor"], "workflow_state"), "Perlu Dilengkapi"
		)

		r = self.post(
			"lengkapi_pengaduan",
			{"nomor": result["nomor"], "kode": result["kode_lacak"], "tambahan": "Foto <i>terlampir</i>."},
			files=(("nomor antrean.png", samples.png(rgb=(10, 200, 10))),),
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		self.assertEqual(r.json["message"]["status"], "Diterima")
		self.assertFalse(r.json["message"]["perlu_dilengkapi"])

		doc = frappe.get_doc("Pengaduan", result["nomor"])
		self.assertEqual(doc.workflow_state, "Diterima")
		self.assertIn("Foto terlampir.", doc.tambahan_dari_pelapor)
		self.assertIn("nomor antrean.png", doc.tambahan_dari_pelapor)
		self.assertEqual(len(doc.bukti), 2)
		self.assertTrue(all(row.berkas.startswith("/private/files/") for row in doc.bukti))
		closed = [r for r in doc.riwayat_tahap if r.tahap == "Perlu Dilengkapi"][-1]
		self.assertEqual(
			(closed.aksi, closed.oleh, closed.peran_pelaku),
			("Dilengkapi", "Guest", "Pelapor (melalui portal)"),
		)
		self.assertEqual(doc.riwayat_tahap[-1].tahap, "Diterima")

		again = self.post(
			"lengkapi_pengaduan", {"nomor": result["nomor"], "kode": result["kode_lacak"], "tambahan": "lagi"}
		)
		self.assertEqual(again.status_code, 417)
		self.assertIn("tidak sedang menunggu kelengkapan", self.messages(again))

	# --- emails ---------------------------------------------------------------------------------------

	def queued(self, name) -> list[tuple[list[str], str]]:
		rows = frappe.get_all(
			"Email Queue", filters={"reference_name": name}, fields=["name", "message"], order_by="creation"
		)
		return [
			(
				frappe.get_all("Email Queue Recipient", filters={"parent": q.name}, pluck="recipient"),
				email_text(q.message),
			)
			for q in rows
		]

	def test_the_reporter_gets_email_at_registration_missing_items_and_response(self):
		result = self.file_a_complaint(perihal="Uji portal: email")
		self.assertTrue(result["email_terkirim"])
		mails = self.queued(result["nomor"])
		self.assertEqual(len(mails), 1)
		recipients, text = mails[0]
		self.assertEqual(recipients, [EMAIL])
		for expected in (result["nomor"], result["kode_lacak"], "/lacak", "Simpan kode lacak"):
			self.assertIn(expected, text)

		doc = frappe.get_doc("Pengaduan", result["nomor"])
		doc = act(doc, "Minta Kelengkapan", self.users["petugas"], kekurangan="Lampirkan salinan KTP.")
		doc = act(doc, "Dilengkapi", self.users["petugas"])
		doc = advance(doc, "Ditanggapi", self.users)
		frappe.db.commit()
		mails = self.queued(result["nomor"])
		self.assertEqual(len(mails), 3)
		self.assertTrue(all(recipients == [EMAIL] for recipients, _ in mails))
		self.assertIn("Lampirkan salinan KTP.", mails[1][1])
		self.assertIn("perlu dilengkapi", mails[1][1])
		self.assertIn("loket tambahan dibuka", mails[2][1])
		self.assertIn(doc.nomor_surat_tanggapan, mails[2][1])
		for _recipients, text in mails[1:]:
			self.assertNotIn(result["kode_lacak"], text)
		# Nothing in the form's timeline.
		self.assertFalse(frappe.get_all("Communication", filters={"reference_name": doc.name}))

	def test_a_rahasia_identity_reaches_no_one_but_the_reporter(self):
		since = frappe.utils.now()
		result = self.file_a_complaint(
			rahasia="1",
			nama_lengkap=RAHASIA_NAME,
			nomor_identitas=RAHASIA_NIK,
			email=RAHASIA_EMAIL,
			perihal="Uji portal: email rahasia",
		)
		doc = advance(frappe.get_doc("Pengaduan", result["nomor"]), "Ditanggapi", self.users)
		self.assertEqual(doc.workflow_state, "Ditanggapi")
		frappe.db.commit()
		queue = frappe.get_all("Email Queue", filters={"creation": (">=", since)}, fields=["name", "message"])
		to_reporter = 0
		for q in queue:
			recipients = frappe.get_all(
				"Email Queue Recipient", filters={"parent": q.name}, pluck="recipient"
			)
			if recipients == [RAHASIA_EMAIL]:
				to_reporter += 1
				continue
			text = email_text(q.message)
			for secret in (RAHASIA_NAME, RAHASIA_NIK, RAHASIA_EMAIL):
				self.assertNotIn(secret, text, recipients)
		self.assertEqual(to_reporter, 2)  # registration and response

	# --- website users --------------------------------------------------------------------------------

	def test_a_website_user_sees_their_own_complaints_and_guests_are_sent_to_login(self):
		r = make_request(get_test_client().get, ("/pengaduan-saya",))
		self.assertEqual(r.status_code, 302)
		self.assertEqual(r.headers["Location"], "/login?redirect-to=/pengaduan-saya")

		self.ensure_website_user()
		client = get_test_client()
		r = make_request(
			client.post, ("/api/method/login",), {"data": {"usr": WEBSITE_USER, "pwd": PASSWORD}}
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		page = make_request(client.get, ("/pengaduan",))
		self.assertEqual(page.status_code, 200)
		html = page.get_data(as_text=True)
		csrf = html.split('frappe.csrf_token = "', 1)[1].split('"', 1)[0]
		r = self.post(
			"ajukan_pengaduan",
			{
				**identity(nama_lengkap="Warga Uji", email=WEBSITE_USER),
				**complaint(perihal="Uji portal: akun"),
			},
			client=client,
			headers={"X-Frappe-CSRF-Token": csrf},
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		nomor = r.json["message"]["nomor"]
		self.names.append(nomor)
		self.assertEqual(frappe.db.get_value("Pengaduan", nomor, "pengguna_portal"), WEBSITE_USER)

		listing = make_request(client.get, ("/pengaduan-saya",))
		self.assertEqual(listing.status_code, 200)
		text = listing.get_data(as_text=True)
		self.assertIn(nomor, text)
		self.assertIn("Uji portal: akun", text)
		self.assertIn(f"/lacak?nomor={nomor}", text)
		others = self.file_a_complaint(perihal="Uji portal: milik tamu")
		self.assertNotIn(others["nomor"], text)

		# Their own complaint opens without the code; someone else's does not.
		csrf_header = {"X-Frappe-CSRF-Token": csrf}
		own = self.track(nomor, "", client=client, headers=csrf_header)
		self.assertEqual(own.status_code, 200, own.get_data(as_text=True))
		foreign = self.track(others["nomor"], "", client=client, headers=csrf_header)
		self.assertEqual(foreign.status_code, 404)

	def ensure_website_user(self):
		if frappe.db.exists("User", WEBSITE_USER):
			return
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": WEBSITE_USER,
				"first_name": "Warga",
				"last_name": "Uji",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
		frappe.db.commit()

	def test_the_pages_state_the_allowed_files_and_limits(self):
		r = make_request(get_test_client().get, ("/pengaduan",))
		self.assertEqual(r.status_code, 200)
		html = r.get_data(as_text=True)
		for expected in (
			"Sampaikan Pengaduan",
			"PDF, JPEG, PNG, DOC atau DOCX",
			"Paling banyak",
			"Pernyataan",
		):
			self.assertIn(expected, html)
		r = make_request(
			get_test_client().get, ("/lacak",), {"query_string": {"nomor": '"><script>x</script>'}}
		)
		self.assertEqual(r.status_code, 200)
		self.assertNotIn("<script>x</script>", r.get_data(as_text=True))
