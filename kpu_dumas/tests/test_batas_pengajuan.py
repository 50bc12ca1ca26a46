"""Abuse that a header cannot dodge: the per-reporter daily limit and the site-wide guest cap, over real
HTTP (gunicorn on 127.0.0.1, kpu_dumas.tests.served) with a new X-Forwarded-For on every request, so the
per-client limit never bites."""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.tests.utils import FrappeTestCase

from kpu_dumas.batas_pengajuan import reset_guest_counter, reset_reporter_counters
from kpu_dumas.tests.served import ServedSite, messages

API = "/api/method/kpu_dumas.api."
MARK = "Uji batas pengajuan"
SETTINGS = ("batas_pengajuan_harian", "batas_pengajuan_tamu_per_menit")


def reporter(n: int, **values) -> dict:
	data = {
		"nama_lengkap": f"Pelapor Batas Uji {n}",
		"jenis_identitas": "KTP",
		"nomor_identitas": f"75030155089{n:05d}",
		"alamat": "Jl. Trans Sulawesi No. 3, Marisa",
		"telepon": f"0813{n:08d}",
		"email": f"pelapor.batas.{n}@contoh.id",
		"pekerjaan": "Petani",
	}
	return {**data, **values}


def complaint(i: int) -> dict:
	return {
		"perihal": f"{MARK}: pengaduan {i}",
		"uraian": "Petugas loket meminta imbalan untuk salinan berita acara rekapitulasi.",
		"persetujuan_pernyataan": "1",
	}


def request_form(n: int, i: int) -> dict:
	return {
		"jenis_pemohon": "Perorangan",
		"nama_pemohon": f"Pemohon Batas Uji {n}",
		"jenis_identitas": "KTP",
		"nomor_identitas": f"75030122079{n:05d}",
		"alamat": "Jl. Beringin No. 9, Paguat",
		"telepon": f"0852{n:08d}",
		"email": f"pemohon.batas.{n}@contoh.id",
		"informasi_diminta": f"{MARK}: salinan SK penetapan DPT, permohonan {i}.",
		"tujuan_penggunaan": "Bahan penelitian.",
		"cara_memperoleh": "Melihat/Membaca/Mendengarkan/Mencatat",
	}


class TestBatasPengajuan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.settings = {f: frappe.db.get_single_value("Pengaturan Kantor", f) for f in SETTINGS}
		cls.remove_leftovers()
		frappe.db.commit()
		reset_reporter_counters()
		cls.server = ServedSite(workers=4).start()  # four at once: a burst really runs in parallel
		cls.run_id = random.randint(1, 250)
		cls.serial = 0

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		frappe.db.rollback()
		frappe.db.set_single_value("Pengaturan Kantor", cls.settings)
		cls.remove_leftovers()
		reset_guest_counter()
		reset_reporter_counters()
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def remove_leftovers(cls):
		for name, identity in frappe.get_all(
			"Pengaduan",
			filters={"perihal": ("like", f"{MARK}%")},
			fields=["name", "identitas_pelapor"],
			as_list=1,
		):
			cls.remove("Pengaduan", name)
			if identity:
				frappe.db.delete("Identitas Pelapor", {"name": identity})
		for name in frappe.get_all(
			"Permohonan Informasi", filters={"informasi_diminta": ("like", f"{MARK}%")}, pluck="name"
		):
			cls.remove("Permohonan Informasi", name)

	@staticmethod
	def remove(doctype, name):
		for child in ("Riwayat Tahap", "Bukti Pengaduan"):
			frappe.db.delete(child, {"parent": name})
		for queue in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
			frappe.db.delete("Email Queue Recipient", {"parent": queue})
		for table in ("ToDo", "Comment", "Email Queue", "Error Log", "Version", "Communication"):
			frappe.db.delete(table, {"reference_name" if table != "Version" else "docname": name})
		frappe.db.delete("__Auth", {"doctype": doctype, "name": name})
		frappe.db.delete(doctype, {"name": name})

	def set_limits(self, daily: int, guests: int):
		frappe.db.set_single_value(
			"Pengaturan Kantor", {"batas_pengajuan_harian": daily, "batas_pengajuan_tamu_per_menit": guests}
		)
		frappe.db.commit()
		reset_guest_counter()

	def address(self) -> str:
		"""A new client address for every request: the per-client limit never applies."""
		type(self).serial += 1
		return f"10.{90 + self.serial // 250}.{self.run_id}.{self.serial % 250 + 1}"

	def post(self, method: str, data: dict, address: str | None = None, files=None):
		return self.server.session().post(
			self.server.url(API + method),
			data=data,
			files=files,
			headers={"X-Forwarded-For": address or self.address()},
			timeout=120,
		)

	def count(self, doctype, field):
		frappe.db.rollback()  # a fresh snapshot: what the server committed
		return frappe.db.count(doctype, {field: ("like", f"{MARK}%")})

	# --- per reporter ---------------------------------------------------------------------------------

	def test_twelve_addresses_one_reporter_are_cut_at_the_daily_limit(self):
		limit = 5
		self.set_limits(limit, 0)
		before = (self.count("Pengaduan", "perihal"), frappe.db.count("Identitas Pelapor"))
		statuses = []
		for i in range(12):
			r = self.post("portal.ajukan_pengaduan", {**reporter(1), **complaint(i)})
			statuses.append(r.status_code)
			if r.status_code == 429:
				self.assertIn(
					"Batas pengajuan per pelapor tercapai: paling banyak 5 pengaduan sehari", messages(r)
				)
		self.assertEqual(statuses, [200] * limit + [429] * (12 - limit))
		# Nothing half-saved: exactly `limit` complaints and identities more.
		after = (self.count("Pengaduan", "perihal"), frappe.db.count("Identitas Pelapor"))
		self.assertEqual((after[0] - before[0], after[1] - before[1]), (limit, limit))

	def test_a_burst_of_simultaneous_submissions_by_one_reporter_is_cut_at_the_limit_too(self):
		"""Ten at once over four workers: each is checked before any of the others has committed, so a
		count of saved records alone would let them all in; the reporter's slots are taken atomically."""
		limit = 3
		self.set_limits(limit, 0)
		before = self.count("Pengaduan", "perihal")
		addresses = [self.address() for _ in range(10)]
		with ThreadPoolExecutor(10) as pool:
			sent = list(
				pool.map(
					lambda i: self.post(
						"portal.ajukan_pengaduan", {**reporter(12), **complaint(40 + i)}, addresses[i]
					),
					range(10),
				)
			)
		statuses = sorted(r.status_code for r in sent)
		self.assertEqual(statuses, [200] * limit + [429] * (10 - limit), [r.text[:200] for r in sent])
		self.assertEqual(self.count("Pengaduan", "perihal") - before, limit)

	def test_a_refused_submission_does_not_use_up_a_slot(self):
		"""A submission refused after the limit's check (here: its file is not evidence) saves nothing,
		and the reporter still has all of the day's submissions."""
		self.set_limits(2, 0)
		bad_file = {"bukti": ("bukti.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")}
		for i in range(3):
			r = self.post("portal.ajukan_pengaduan", {**reporter(13), **complaint(60 + i)}, files=bad_file)
			self.assertEqual(r.status_code, 417, r.text[:500])
		statuses = [
			self.post("portal.ajukan_pengaduan", {**reporter(13), **complaint(70 + i)}).status_code
			for i in range(3)
		]
		self.assertEqual(statuses, [200, 200, 429])

	def test_the_same_phone_or_email_under_another_nik_is_the_same_reporter(self):
		self.set_limits(2, 0)
		first = reporter(2)
		for i in range(2):
			self.assertEqual(self.post("portal.ajukan_pengaduan", {**first, **complaint(i)}).status_code, 200)
		same_phone = reporter(3, telepon="+62" + first["telepon"][1:])  # the same number, written +62
		same_email = reporter(4, email=first["email"].upper())
		same_nik = reporter(5, nomor_identitas=first["nomor_identitas"])
		for other in (same_phone, same_email, same_nik):
			with self.subTest(other["nama_lengkap"]):
				r = self.post("portal.ajukan_pengaduan", {**other, **complaint(9)})
				self.assertEqual(r.status_code, 429, r.text[:500])
		r = self.post("portal.ajukan_pengaduan", {**reporter(6), **complaint(10)})
		self.assertEqual(r.status_code, 200, r.text[:500])

	def test_information_requests_are_cut_at_the_daily_limit_too(self):
		limit = 3
		self.set_limits(limit, 0)
		before = self.count("Permohonan Informasi", "informasi_diminta")
		statuses = [self.post("portal_informasi.ajukan_permohonan", request_form(7, i)) for i in range(12)]
		self.assertEqual([r.status_code for r in statuses], [200] * limit + [429] * (12 - limit))
		self.assertIn("paling banyak 3 permohonan informasi sehari", messages(statuses[-1]))
		self.assertEqual(self.count("Permohonan Informasi", "informasi_diminta") - before, limit)

	def test_no_daily_limit_when_the_setting_is_zero(self):
		self.set_limits(0, 0)
		for i in range(7):
			r = self.post("portal.ajukan_pengaduan", {**reporter(8), **complaint(i)})
			self.assertEqual(r.status_code, 200, r.text[:500])

	# --- all guests together ---------------------------------------------------------------------------

	def test_the_guest_cap_holds_per_minute_across_addresses_and_endpoints(self):
		if time.time() % 60 > 45:  # all requests must fall in one clock minute
			time.sleep(61 - time.time() % 60)
		self.set_limits(0, 4)
		before = (self.count("Pengaduan", "perihal"), self.count("Permohonan Informasi", "informasi_diminta"))
		sent = [
			self.post("portal.ajukan_pengaduan", {"anonim": "1", **complaint(20)}),
			self.post("portal_informasi.ajukan_permohonan", request_form(9, 20)),
			self.post("portal.ajukan_pengaduan", {"anonim": "1", **complaint(21)}),
			self.post("portal_informasi.ajukan_permohonan", request_form(10, 21)),
			self.post("portal.ajukan_pengaduan", {"anonim": "1", **complaint(22)}),
			self.post("portal_informasi.ajukan_permohonan", request_form(11, 22)),
		]
		self.assertEqual([r.status_code for r in sent], [200, 200, 200, 200, 429, 429])
		self.assertIn("Portal sedang menerima terlalu banyak pengajuan dalam satu menit", messages(sent[-1]))
		after = (self.count("Pengaduan", "perihal"), self.count("Permohonan Informasi", "informasi_diminta"))
		self.assertEqual((after[0] - before[0], after[1] - before[1]), (2, 2))
		# The next minute has its own counter.
		reset_guest_counter()
		r = self.post("portal.ajukan_pengaduan", {"anonim": "1", **complaint(23)})
		self.assertEqual(r.status_code, 200, r.text[:500])
