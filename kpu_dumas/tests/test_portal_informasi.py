"""The information portal over HTTP (Frappe's WSGI test client, a real site, committed data).

/permohonan-informasi files a request (with the deed of a legal entity), /keberatan files an objection
with the request's number AND tracking code, /lacak shows either by number and code without personal
data. Each test speaks from its own client address, and its rate-limit counters are reset.
"""

from __future__ import annotations

import io
import itertools
import json
import os

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_test_client, now_datetime

from kpu_dumas import clock
from kpu_dumas.tests import samples
from kpu_dumas.tests.utils import (
	PASSWORD,
	PORTAL_LIMITS_OFF,
	act,
	make_all_users,
	make_permohonan,
	server_messages,
	set_office_settings,
)

API = "kpu_dumas.api.portal_informasi."
METHODS = ("ajukan_permohonan", "ajukan_keberatan", "lacak_informasi")
LIMITS_OFF = PORTAL_LIMITS_OFF
PDF = samples.pdf("Bukti uji portal")
HTML_AS_PDF = samples.HTML_AS_PDF

MARK = "Uji portal informasi:"
NAME = "Rahmat Pemohon Portal Uji"
NIK = "7503012207910003"
EMAIL = "rahmat.portal.uji@contoh.id"
PHONE = "085211223344"
ADDRESS = "Jl. Beringin No. 9, Paguat"
WEBSITE_USER = "pemohon.portal.uji@contoh.id"
GROUND_C = "c. Tidak ditanggapinya permintaan informasi"
GROUND_A = "a. Penolakan atas permintaan informasi berdasarkan alasan pengecualian"
PARTIAL_NOTICE = {
	"keputusan": "Dikabulkan Sebagian",
	"informasi_diberikan": "Salinan SK penetapan DPT tanpa lampiran data pribadi.",
	"bentuk_informasi": "Softcopy",
	"waktu_penyerahan": "2026-03-20",
	"pasal_pengecualian": "Pasal 17 huruf h",
	"uji_konsekuensi": "Lampiran memuat NIK pemilih; membukanya mengungkap data pribadi.",
	"bagian_dihitamkan": "Kolom NIK dan tanggal lahir pada lampiran.",
}

_addresses = itertools.count(11)


def office_today() -> str:
	return clock.office_today().isoformat()


def request_form(**values) -> dict:
	data = {
		"jenis_pemohon": "Perorangan",
		"nama_pemohon": NAME,
		"jenis_identitas": "KTP",
		"nomor_identitas": NIK,
		"alamat": ADDRESS,
		"pekerjaan": "Peneliti",
		"telepon": PHONE,
		"email": EMAIL,
		"informasi_diminta": f"{MARK} salinan SK penetapan DPT Pemilu 2024 Kecamatan Paguat.",
		"tujuan_penggunaan": "Bahan penelitian tentang partisipasi pemilih.",
		"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
		"cara_mendapatkan_salinan": "Email",
	}
	data.update(values)
	return data


def objection_form(nomor, kode, **values) -> dict:
	data = {
		"nomor": nomor,
		"kode": kode,
		"alasan": GROUND_C,
		"tanggal_penyebab": office_today(),
		"kasus_posisi": "Sampai batas waktu pemberitahuan tertulis saya belum menerima jawaban.",
	}
	data.update(values)
	return data


class TestPortalInformasi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		# One requester files many requests here; the limits have their own tests (test_batas_pengajuan).
		cls.settings = set_office_settings(LIMITS_OFF)
		frappe.db.commit()
		cls.requests: list[str] = []
		cls.objections: list[str] = []

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.set_single_value("Pengaturan Kantor", cls.settings)
		requests = set(cls.requests) | set(
			frappe.get_all(
				"Permohonan Informasi", filters={"informasi_diminta": ("like", f"{MARK}%")}, pluck="name"
			)
		)
		objections = set(cls.objections) | set(
			frappe.get_all(
				"Keberatan Informasi", filters={"permohonan": ("in", list(requests))}, pluck="name"
			)
			if requests
			else []
		)
		for doctype, names in (("Keberatan Informasi", objections), ("Permohonan Informasi", requests)):
			for name in names:
				for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
					frappe.delete_doc("File", file, force=True, ignore_permissions=True)
				frappe.db.delete("Riwayat Tahap", {"parent": name})
				for queue in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
					frappe.db.delete("Email Queue Recipient", {"parent": queue})
				for table in ("ToDo", "Comment", "Email Queue", "Error Log", "Communication"):
					frappe.db.delete(table, {"reference_name": name})
				frappe.db.delete("Notification Log", {"document_name": name})
				frappe.db.delete("Version", {"docname": name})
				frappe.db.delete(doctype, {"name": name})
				frappe.db.delete("__Auth", {"doctype": doctype, "name": name})
		if frappe.db.exists("User", WEBSITE_USER):
			frappe.delete_doc("User", WEBSITE_USER, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		self.ip = f"10.78.0.{next(_addresses)}"
		self.reset_rate_limits(self.ip)

	def tearDown(self):
		frappe.db.rollback()

	@staticmethod
	def reset_rate_limits(ip: str):
		for method in METHODS:
			frappe.cache.delete_value(f"rl:{API}{method}:{ip}")

	# --- HTTP helpers ---------------------------------------------------------------------------------

	def post(self, method, data, files=(), client=None, ip=None, headers=None):
		payload = dict(data)
		for field, filename, content in files:
			payload.setdefault(field, []).append((io.BytesIO(content), filename))
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

	def messages(self, r) -> str:
		return server_messages(r)

	def without_error_id(self, r) -> dict:
		body = dict(r.json)
		messages = [json.loads(m) for m in json.loads(body.pop("_server_messages", "[]"))]
		for message in messages:
			message.pop("__frappe_exc_id", None)
		return {**body, "_server_messages": messages, "status": r.status_code}

	def snapshot(self) -> dict:
		private = frappe.get_site_path("private", "files")
		return {
			"Permohonan Informasi": frappe.db.count("Permohonan Informasi"),
			"Keberatan Informasi": frappe.db.count("Keberatan Informasi"),
			"File": frappe.db.count("File"),
			"disk": sorted(os.listdir(private)) if os.path.isdir(private) else [],
		}

	def file_request(self, files=(), **values) -> dict:
		r = self.post("ajukan_permohonan", request_form(**values), files)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		result = r.json["message"]
		self.requests.append(result["nomor"])
		return result

	def file_objection(self, nomor, kode, **values) -> dict:
		r = self.post("ajukan_keberatan", objection_form(nomor, kode, **values))
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		result = r.json["message"]
		self.objections.append(result["nomor"])
		return result

	def track(self, nomor, kode, **kw):
		return self.post("lacak_informasi", {"nomor": nomor, "kode": kode}, **kw)

	def assert_no_personal_data(self, text: str, *extra: str):
		for secret in (NAME, NIK, EMAIL, PHONE, "+6285211223344", ADDRESS, *extra):
			self.assertNotIn(secret, text)

	# --- /permohonan-informasi -----------------------------------------------------------------------

	def test_a_guest_request_is_saved_with_the_form_fields_and_can_be_tracked(self):
		result = self.file_request(
			nomor_identitas="7503 0122 0791 0003", informasi_pemilu="1", jenis_informasi="Kepemiluan"
		)
		self.assertRegex(result["nomor"], r"^PPID-\d{4}-\d{5}$")
		self.assertRegex(result["kode_lacak"], r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
		self.assertTrue(result["batas"])

		doc = frappe.get_doc("Permohonan Informasi", result["nomor"])
		self.assertEqual((doc.workflow_state, doc.docstatus, doc.kanal), ("Diajukan", 0, "Website"))
		self.assertEqual(
			(doc.jenis_pemohon, doc.nama_pemohon, doc.jenis_identitas, doc.nomor_identitas),
			("Perorangan", NAME, "KTP", NIK),
		)
		self.assertEqual((doc.alamat, doc.pekerjaan, doc.email), (ADDRESS, "Peneliti", EMAIL))
		self.assertTrue(doc.telepon)
		self.assertEqual(
			(doc.cara_memperoleh, doc.cara_mendapatkan_salinan),
			("Mendapatkan Salinan (Softcopy)", "Email"),
		)
		self.assertEqual(doc.informasi_pemilu, 1)
		self.assertEqual(doc.jenis_informasi, "Kepemiluan")  # the kind the requester picked
		self.assertTrue(doc.informasi_diminta.startswith(MARK))
		self.assertFalse(doc.pengguna_portal or doc.dokumen_pendukung_pemohon)
		self.assertEqual(doc.owner, "Guest")
		self.assertEqual(doc.get_password("kode_lacak"), result["kode_lacak"])
		self.assertEqual([r.tahap for r in doc.riwayat_tahap], ["Diajukan"])

		r = self.track(result["nomor"].lower(), result["kode_lacak"].lower().replace("-", " "))
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		case = r.json["message"]
		self.assertEqual(
			(case["nomor"], case["jenis"], case["status"]), (result["nomor"], "permohonan", "Diajukan")
		)
		self.assertEqual([s["label"] for s in case["riwayat"]], ["Diajukan"])
		self.assertIn("Pemberitahuan tertulis paling lambat", case["batas"])
		self.assertNotIn("keputusan", case)
		self.assert_no_personal_data(r.get_data(as_text=True), "kode_lacak")

	def test_a_legal_entity_must_send_its_deed_which_is_stored_privately(self):
		before = self.snapshot()
		r = self.post("ajukan_permohonan", request_form(jenis_pemohon="Badan Hukum", nama_pemohon="LBH Uji"))
		self.assertEqual(r.status_code, 417)
		self.assertIn("akta pendirian", self.messages(r))
		r = self.post(
			"ajukan_permohonan",
			request_form(jenis_pemohon="Kelompok Orang"),
			files=(("dokumen_pemohon", "surat-kuasa.pdf", HTML_AS_PDF),),
		)
		self.assertEqual(r.status_code, 417)
		self.assertIn("'surat-kuasa.pdf' tidak dapat diterima karena isinya bukan PDF", self.messages(r))
		self.assertEqual(self.snapshot(), before)

		deed = samples.pdf(frappe.generate_hash())
		result = self.file_request(
			files=(("dokumen_pemohon", "akta pendirian.pdf", deed),),
			jenis_pemohon="Badan Hukum",
			nama_pemohon="Perkumpulan Pemantau Uji",
		)
		doc = frappe.get_doc("Permohonan Informasi", result["nomor"])
		self.assertEqual(doc.jenis_pemohon, "Badan Hukum")
		self.assertTrue(doc.dokumen_pendukung_pemohon.startswith("/private/files/akta pendirian"))
		file = frappe.get_doc("File", {"file_url": doc.dokumen_pendukung_pemohon})
		self.assertEqual(
			(file.is_private, file.attached_to_doctype, file.attached_to_name, file.attached_to_field),
			(1, "Permohonan Informasi", doc.name, "dokumen_pendukung_pemohon"),
		)
		r = make_request(get_test_client().get, (doc.dokumen_pendukung_pemohon,))
		self.assertIn(r.status_code, (403, 404))

	def test_bad_input_is_refused_with_every_reason_and_nothing_is_saved(self):
		before = self.snapshot()
		r = self.post(
			"ajukan_permohonan",
			request_form(
				informasi_diminta="",
				nomor_identitas="12345",
				email="bukan-email",
				cara_memperoleh="Diantar ke rumah",
				jenis_pemohon="Perusahaan",
				jenis_informasi="Rahasia Negara",
			),
		)
		self.assertEqual(r.status_code, 417)
		text = self.messages(r)
		for expected in (
			"Isi rincian informasi yang dibutuhkan",
			"NIK harus 16 digit angka",
			"Pilih cara memperoleh informasi",
			"Pilih jenis pemohon dari daftar",
			"Pilih jenis informasi dari daftar",
		):
			self.assertIn(expected, text)
		r = self.post("ajukan_permohonan", request_form(email="", cara_mendapatkan_salinan="Email"))
		self.assertEqual(r.status_code, 417)
		self.assertIn("Isi alamat email Anda bila salinan", self.messages(r))
		r = self.post("ajukan_permohonan", request_form(cara_mendapatkan_salinan=""))
		self.assertEqual(r.status_code, 417)
		self.assertIn("Pilih cara mendapatkan salinan", self.messages(r))
		self.assertEqual(self.snapshot(), before)

	def test_fields_outside_the_form_are_ignored(self):
		forged = {
			"workflow_state": "Selesai",
			"docstatus": "1",
			"name": "PPID-2020-99999",
			"naming_series": "HACK-.#####",
			"kode_lacak": "AAAA-BBBB-CCCC",
			"kanal": "Surat",
			"pengguna_portal": "Administrator",
			"keputusan": "Dikabulkan Seluruhnya",
			"nomor_pemberitahuan": "1/PALSU/2026",
			"batas_pemberitahuan": "2030-01-01 00:00:00",
			"tanggal_diterima": "2020-01-01 00:00:00",
			"dokumen_pendukung_pemohon": "/private/files/bukan-milik-anda.pdf",
			"riwayat_tahap": json.dumps([{"tahap": "Selesai"}]),
		}
		result = self.file_request(**forged, tujuan_penggunaan="Tujuan <b>tebal</b>.")
		self.assertNotEqual(result["kode_lacak"], "AAAA-BBBB-CCCC")
		doc = frappe.get_doc("Permohonan Informasi", result["nomor"])
		self.assertEqual((doc.workflow_state, doc.docstatus, doc.kanal), ("Diajukan", 0, "Website"))
		self.assertFalse(doc.pengguna_portal or doc.keputusan or doc.nomor_pemberitahuan)
		self.assertFalse(doc.dokumen_pendukung_pemohon)
		self.assertEqual(str(doc.tanggal_diterima)[:10], frappe.utils.today())
		self.assertNotEqual(str(doc.batas_pemberitahuan)[:4], "2030")
		self.assertEqual([r.tahap for r in doc.riwayat_tahap], ["Diajukan"])
		self.assertEqual(doc.tujuan_penggunaan, "Tujuan tebal.")

	def test_the_eleventh_request_in_a_minute_from_one_client_is_refused(self):
		for _ in range(10):
			self.file_request()
		before = frappe.db.count("Permohonan Informasi")
		r = self.post("ajukan_permohonan", request_form())
		self.assertEqual(r.status_code, 429)
		self.assertEqual(frappe.db.count("Permohonan Informasi"), before)

	# --- /keberatan -----------------------------------------------------------------------------------

	def test_an_objection_needs_the_right_number_and_code_and_gets_its_own_code(self):
		request = self.file_request()
		before = self.snapshot()
		wrong = self.post("ajukan_keberatan", objection_form(request["nomor"], "ZZZZ-ZZZZ-ZZZZ"))
		unknown = self.post("ajukan_keberatan", objection_form("PPID-1999-00001", request["kode_lacak"]))
		no_code = self.post("ajukan_keberatan", objection_form(request["nomor"], ""))
		self.assertEqual(wrong.status_code, 404)
		for other in (unknown, no_code):
			self.assertEqual(self.without_error_id(other), self.without_error_id(wrong))
		self.assertIn("Nomor registrasi atau kode lacak tidak cocok", self.messages(wrong))
		self.assert_no_personal_data(wrong.get_data(as_text=True), MARK)
		self.assertEqual(self.snapshot(), before)

		result = self.file_objection(request["nomor"], request["kode_lacak"].lower())
		self.assertRegex(result["nomor"], r"^KEB-\d{4}-\d{5}$")
		self.assertNotEqual(result["kode_lacak"], request["kode_lacak"])
		self.assertEqual(result["permohonan"], request["nomor"])
		self.assertTrue(result["batas"])
		doc = frappe.get_doc("Keberatan Informasi", result["nomor"])
		self.assertEqual(
			(doc.permohonan, doc.alasan, doc.workflow_state), (request["nomor"], GROUND_C, "Diajukan")
		)
		self.assertEqual(str(doc.tanggal_penyebab), office_today())
		self.assertIn("belum menerima jawaban", doc.kasus_posisi)
		self.assertEqual(doc.nama_pemohon, NAME)  # from the request, never from the form
		self.assertEqual(doc.get_password("kode_lacak"), result["kode_lacak"])

		# The request's code does not open the objection, and the objection's own code does.
		self.assertEqual(self.track(result["nomor"], request["kode_lacak"]).status_code, 404)
		r = self.track(result["nomor"], result["kode_lacak"])
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		case = r.json["message"]
		self.assertEqual((case["jenis"], case["status"]), ("keberatan", "Diajukan"))
		self.assertIn(request["nomor"], case["judul"])
		self.assertIn("Tanggapan Atasan PPID paling lambat", case["batas"])
		self.assert_no_personal_data(r.get_data(as_text=True))

	def test_a_late_objection_is_refused_with_the_reason_and_nothing_is_saved(self):
		old = make_permohonan(
			tanggal_diterima=add_days(now_datetime(), -150),
			informasi_diminta=f"{MARK} permohonan lama.",
		)
		frappe.db.commit()
		self.requests.append(old.name)
		code = old.get_password("kode_lacak")
		before = self.snapshot()
		r = self.post(
			"ajukan_keberatan",
			objection_form(old.name, code, tanggal_penyebab=add_days(office_today(), -120)),
		)
		self.assertEqual(r.status_code, 417, r.get_data(as_text=True))
		text = self.messages(r)
		self.assertIn("Keberatan tidak dapat diterima", text)
		self.assertIn("Pasal 36 ayat 1", text)
		self.assertIn("Batas terakhir pengajuan", text)
		self.assertEqual(self.snapshot(), before)

	def test_an_objection_without_ground_or_with_a_wrong_date_is_refused(self):
		request = self.file_request()
		before = self.snapshot()
		r = self.post(
			"ajukan_keberatan",
			objection_form(
				request["nomor"],
				request["kode_lacak"],
				alasan="h. Alasan lain",
				kasus_posisi="",
				tanggal_penyebab="",
			),
		)
		self.assertEqual(r.status_code, 417)
		text = self.messages(r)
		for expected in ("Pilih alasan keberatan", "Isi kasus posisi", "Isi tanggal terjadinya alasan"):
			self.assertIn(expected, text)
		future = self.post(
			"ajukan_keberatan",
			objection_form(
				request["nomor"], request["kode_lacak"], tanggal_penyebab=add_days(office_today(), 3)
			),
		)
		self.assertIn("tidak boleh setelah hari ini", self.messages(future))
		earlier = self.post(
			"ajukan_keberatan",
			objection_form(
				request["nomor"], request["kode_lacak"], tanggal_penyebab=add_days(office_today(), -3)
			),
		)
		self.assertIn("tidak boleh sebelum permohonan diterima", self.messages(earlier))
		self.assertEqual(self.snapshot(), before)

	def test_guessing_codes_for_an_objection_is_rate_limited(self):
		request = self.file_request()
		for i in range(10):
			r = self.post("ajukan_keberatan", objection_form(request["nomor"], f"ZZZZ-ZZZZ-ZZ{i:02d}"))
			self.assertEqual(r.status_code, 404)
		r = self.post("ajukan_keberatan", objection_form(request["nomor"], request["kode_lacak"]))
		self.assertEqual(r.status_code, 429)
		self.assertFalse(frappe.db.exists("Keberatan Informasi", {"permohonan": request["nomor"]}))

	# --- /lacak ---------------------------------------------------------------------------------------

	def test_lacak_shows_a_decided_request_and_its_answered_objection_without_personal_data(self):
		request = self.file_request()
		doc = frappe.get_doc("Permohonan Informasi", request["nomor"])
		doc = act(doc, "Registrasi", self.users["desk"])
		doc = act(doc, "Teruskan", self.users["desk"])
		doc = act(doc, "Putuskan", self.users["ppid"], **PARTIAL_NOTICE)
		frappe.db.commit()

		r = self.track(request["nomor"], request["kode_lacak"])
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		case = r.json["message"]
		self.assertEqual((case["status"], case["keputusan"]), ("Sudah Diputuskan", "Dikabulkan Sebagian"))
		self.assertEqual(
			[s["label"] for s in case["riwayat"]],
			["Diajukan", "Terdaftar", "Diproses PPID", "Sudah Diputuskan"],
		)
		self.assertRegex(case["riwayat"][-1]["waktu"], r"pukul \d{2}\.\d{2} WI(B|TA|T)$")
		facts = dict(case["fakta"])
		self.assertEqual(facts["Nomor pemberitahuan tertulis"], doc.nomor_pemberitahuan)
		self.assertEqual(facts["Pengecualian"], "Pasal 17 huruf h UU 14/2008")
		self.assertEqual(facts["Bagian yang dihitamkan dan alasannya"], PARTIAL_NOTICE["bagian_dihitamkan"])
		self.assertIn("keberatan", case["lanjutan"])
		self.assertEqual(case["batas"], "")
		text = r.get_data(as_text=True)
		self.assert_no_personal_data(text, self.users["desk"], self.users["ppid"], "kode_lacak")

		objection = self.file_objection(
			request["nomor"],
			request["kode_lacak"],
			alasan=GROUND_A,
			kasus_posisi="Lampiran tidak perlu dihitamkan.",
		)
		keb = frappe.get_doc("Keberatan Informasi", objection["nomor"])
		keb = act(keb, "Registrasi", self.users["desk"])
		keb = act(keb, "Teruskan", self.users["desk"])
		keb = act(
			keb,
			"Tanggapi",
			self.users["atasan"],
			keputusan_atasan="Keberatan Ditolak",
			tanggapan='<p>Penghitaman NIK sudah tepat.<img src=x onerror="alert(1)"></p><script>alert(2)</script>',
			nama_atasan="Atasan Uji Rahasia",
			jabatan_atasan="Ketua KPU Kabupaten Pohuwato",
		)
		frappe.db.commit()
		r = self.track(objection["nomor"], objection["kode_lacak"])
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		case = r.json["message"]
		self.assertEqual((case["status"], case["keputusan"]), ("Ditanggapi", "Keberatan Ditolak"))
		self.assertEqual(
			[s["label"] for s in case["riwayat"]],
			["Diajukan", "Terdaftar", "Diperiksa Atasan PPID", "Ditanggapi"],
		)
		self.assertIn("<p>Penghitaman NIK sudah tepat.</p>", case["tanggapan"])
		for unsafe in ("<script", "<img", "onerror"):
			self.assertNotIn(unsafe, case["tanggapan"])
		self.assertEqual(dict(case["fakta"])["Nomor surat tanggapan"], keb.nomor_tanggapan)
		self.assertIn("Komisi Informasi", case["lanjutan"])
		self.assert_no_personal_data(r.get_data(as_text=True), "Atasan Uji Rahasia", self.users["atasan"])

		# The page itself holds nothing of the case either, whatever number is in its link.
		page = make_request(get_test_client().get, ("/lacak",), {"query_string": {"nomor": request["nomor"]}})
		self.assertEqual(page.status_code, 200)
		html = page.get_data(as_text=True)
		self.assertIn(request["nomor"], html)  # prefilled in the form
		self.assert_no_personal_data(html, MARK, PARTIAL_NOTICE["bagian_dihitamkan"])

	def test_a_wrong_code_and_an_unknown_number_look_the_same_on_lacak(self):
		request = self.file_request()
		wrong = self.track(request["nomor"], "ZZZZ-ZZZZ-ZZZZ")
		unknown = self.track("PPID-1999-00001", request["kode_lacak"])
		garbage = self.track("KEB-<script>", request["kode_lacak"])
		self.assertEqual(wrong.status_code, 404)
		self.assertEqual(self.without_error_id(unknown), self.without_error_id(wrong))
		self.assertEqual(self.without_error_id(garbage), self.without_error_id(wrong))
		self.assert_no_personal_data(wrong.get_data(as_text=True), MARK, "Diajukan")

	# --- website users and pages ----------------------------------------------------------------------

	def test_a_website_user_sees_their_requests_and_opens_them_without_the_code(self):
		self.ensure_website_user()
		client = get_test_client()
		r = make_request(
			client.post, ("/api/method/login",), {"data": {"usr": WEBSITE_USER, "pwd": PASSWORD}}
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		page = make_request(client.get, ("/permohonan-informasi",))
		csrf = {
			"X-Frappe-CSRF-Token": page.get_data(as_text=True)
			.split('frappe.csrf_token = "', 1)[1]
			.split('"', 1)[0]
		}
		r = self.post("ajukan_permohonan", request_form(email=WEBSITE_USER), client=client, headers=csrf)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		nomor = r.json["message"]["nomor"]
		self.requests.append(nomor)
		self.assertEqual(frappe.db.get_value("Permohonan Informasi", nomor, "pengguna_portal"), WEBSITE_USER)

		listing = make_request(client.get, ("/pengaduan-saya",)).get_data(as_text=True)
		self.assertIn(nomor, listing)
		self.assertIn(f"/lacak?nomor={nomor}", listing)
		others = self.file_request()
		self.assertNotIn(others["nomor"], listing)

		own = self.track(nomor, "", client=client, headers=csrf)
		self.assertEqual(own.status_code, 200, own.get_data(as_text=True))
		self.assertEqual(self.track(others["nomor"], "", client=client, headers=csrf).status_code, 404)
		objection = self.post("ajukan_keberatan", objection_form(nomor, ""), client=client, headers=csrf)
		self.assertEqual(objection.status_code, 200, objection.get_data(as_text=True))
		self.objections.append(objection.json["message"]["nomor"])

	def ensure_website_user(self):
		if frappe.db.exists("User", WEBSITE_USER):
			return
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": WEBSITE_USER,
				"first_name": "Pemohon",
				"last_name": "Portal",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
		frappe.db.commit()

	def test_the_pages_offer_the_perki_choices_and_the_grounds_of_pasal_35(self):
		html = make_request(get_test_client().get, ("/permohonan-informasi",)).get_data(as_text=True)
		for expected in (
			"Permohonan Informasi Publik",
			"Kelompok Orang",
			"Akta pendirian",
			"Mendapatkan Salinan (Hardcopy)",
			"Faksimili",
			'href="/keberatan"',
		):
			self.assertIn(expected, html)
		r = make_request(
			get_test_client().get, ("/keberatan",), {"query_string": {"nomor": '"><script>x</script>'}}
		)
		self.assertEqual(r.status_code, 200)
		html = r.get_data(as_text=True)
		self.assertNotIn("<script>x</script>", html)
		for letter in "abcdefg":
			self.assertIn(f'value="{letter}. ', html)
		self.assertIn("30 hari kerja", html)
		html = make_request(get_test_client().get, ("/pengaduan",)).get_data(as_text=True)
		self.assertIn('href="/permohonan-informasi"', html)
